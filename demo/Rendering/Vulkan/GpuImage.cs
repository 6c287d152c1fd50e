using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Demo.Rendering.Vulkan;

/// <summary>How to create a <see cref="GpuImage"/>.</summary>
public sealed record GpuImageDescription
{
    public required uint Width { get; init; }
    public required uint Height { get; init; }
    public required Format Format { get; init; }
    public required ImageUsageFlags Usage { get; init; }
    public uint MipLevels { get; init; } = 1;
    public uint ArrayLayers { get; init; } = 1;
    public SampleCountFlags Samples { get; init; } = SampleCountFlags.Count1Bit;

    /// <summary>View the image as a 2D array even with one layer (for sampler2DArray).</summary>
    public bool ArrayView { get; init; }

    public static uint FullMipChain(uint width, uint height) => (uint)Math.Floor(Math.Log2(Math.Max(width, height))) + 1;
}

/// <summary>
/// A 2D image (optionally layered and mipmapped) with its own memory and, when its usage allows views
/// (sampled, storage or attachment), a view of all of it. It remembers its current layout so that callers
/// transition by naming only the layout they need next.
/// </summary>
public sealed unsafe class GpuImage : IDisposable
{
    private readonly VulkanDevice device;
    private readonly DeviceMemory memory;
    private bool disposed;

    private GpuImage(VulkanDevice device, GpuImageDescription description, Image image, DeviceMemory memory, ImageView view)
    {
        this.device = device;
        Description = description;
        Handle = image;
        this.memory = memory;
        View = view;
    }

    public GpuImageDescription Description { get; }
    public Image Handle { get; }

    /// <summary>A view of every mip and layer; a null handle for transfer-only images, which Vulkan does not let be viewed.</summary>
    public ImageView View { get; }
    public uint Width => Description.Width;
    public uint Height => Description.Height;
    public Format Format => Description.Format;

    /// <summary>The layout the image is in once the commands recorded so far have run.</summary>
    public ImageLayout Layout { get; set; } = ImageLayout.Undefined;

    public ImageAspectFlags Aspect => IsDepthFormat(Description.Format) ? ImageAspectFlags.DepthBit : ImageAspectFlags.ColorBit;

    public static GpuImage Create(VulkanDevice device, GpuImageDescription description)
    {
        if (description.Width == 0 || description.Height == 0)
            throw new ArgumentOutOfRangeException(nameof(description), $"Image size {description.Width}x{description.Height} is empty.");
        var vk = device.Vk;
        var info = new ImageCreateInfo
        {
            SType = StructureType.ImageCreateInfo,
            ImageType = ImageType.Type2D,
            Format = description.Format,
            Extent = new Extent3D(description.Width, description.Height, 1),
            MipLevels = description.MipLevels,
            ArrayLayers = description.ArrayLayers,
            Samples = description.Samples,
            Tiling = ImageTiling.Optimal,
            Usage = description.Usage,
            SharingMode = SharingMode.Exclusive,
            InitialLayout = ImageLayout.Undefined,
        };
        Image image;
        vk.CreateImage(device.Handle, &info, null, &image).Check($"vkCreateImage ({description.Width}x{description.Height} {description.Format})");
        DeviceMemory memory = default;
        try
        {
            vk.GetImageMemoryRequirements(device.Handle, image, out var requirements);
            var allocate = new MemoryAllocateInfo
            {
                SType = StructureType.MemoryAllocateInfo,
                AllocationSize = requirements.Size,
                MemoryTypeIndex = device.ChooseMemoryType(requirements.MemoryTypeBits, MemoryPropertyFlags.DeviceLocalBit, MemoryPropertyFlags.None),
            };
            vk.AllocateMemory(device.Handle, &allocate, null, &memory).Check($"vkAllocateMemory ({requirements.Size} bytes for an image)");
            vk.BindImageMemory(device.Handle, image, memory, 0).Check("vkBindImageMemory");
            var aspect = IsDepthFormat(description.Format) ? ImageAspectFlags.DepthBit : ImageAspectFlags.ColorBit;
            const ImageUsageFlags viewable = ImageUsageFlags.SampledBit | ImageUsageFlags.StorageBit | ImageUsageFlags.ColorAttachmentBit
                | ImageUsageFlags.DepthStencilAttachmentBit | ImageUsageFlags.InputAttachmentBit | ImageUsageFlags.TransientAttachmentBit;
            if ((description.Usage & viewable) == 0) return new GpuImage(device, description, image, memory, default);
            var viewInfo = new ImageViewCreateInfo
            {
                SType = StructureType.ImageViewCreateInfo,
                Image = image,
                ViewType = description.ArrayView || description.ArrayLayers > 1 ? ImageViewType.Type2DArray : ImageViewType.Type2D,
                Format = description.Format,
                SubresourceRange = new ImageSubresourceRange(aspect, 0, description.MipLevels, 0, description.ArrayLayers),
            };
            ImageView view;
            vk.CreateImageView(device.Handle, &viewInfo, null, &view).Check("vkCreateImageView");
            return new GpuImage(device, description, image, memory, view);
        }
        catch
        {
            if (memory.Handle != 0) vk.FreeMemory(device.Handle, memory, null);
            vk.DestroyImage(device.Handle, image, null);
            throw;
        }
    }

    /// <summary>Records a barrier moving every subresource from its current layout to <paramref name="layout"/>.</summary>
    public void TransitionTo(CommandBuffer cmd, ImageLayout layout)
    {
        if (Layout == layout && layout != ImageLayout.TransferDstOptimal && layout != ImageLayout.General) return;
        ImageBarriers.Transition(device.Vk, cmd, Handle, Aspect, Layout, layout, 0, Description.MipLevels, 0, Description.ArrayLayers);
        Layout = layout;
    }

    public static bool IsDepthFormat(Format format) => format is Format.D16Unorm or Format.D32Sfloat or Format.D24UnormS8Uint
        or Format.D32SfloatS8Uint or Format.X8D24UnormPack32 or Format.D16UnormS8Uint;

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        var vk = device.Vk;
        if (View.Handle != 0) vk.DestroyImageView(device.Handle, View, null);
        vk.DestroyImage(device.Handle, Handle, null);
        vk.FreeMemory(device.Handle, memory, null);
    }
}
