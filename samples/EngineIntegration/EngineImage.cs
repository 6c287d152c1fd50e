using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace EngineIntegration;

/// <summary>
/// Stands for one of the engine's images (2D, one mip, optimal tiling, device memory), with what the engine knows of it
/// and Vulkan cannot be asked: its size, format and usage. Upload and Download move its pixels through host memory.
/// </summary>
internal sealed unsafe class EngineImage : IDisposable
{
    private readonly EngineDevice engine;
    private readonly DeviceMemory memory;

    public EngineImage(EngineDevice engine, FrameSize size, Format format, ImageUsageFlags usage)
    {
        this.engine = engine;
        Size = size;
        Format = format;
        Usage = usage;
        var vk = engine.Vk;
        var info = new ImageCreateInfo
        {
            SType = StructureType.ImageCreateInfo, ImageType = ImageType.Type2D, Format = format,
            Extent = new Extent3D((uint)size.Width, (uint)size.Height, 1), MipLevels = 1, ArrayLayers = 1,
            Samples = SampleCountFlags.Count1Bit, Tiling = ImageTiling.Optimal, Usage = usage,
            SharingMode = SharingMode.Exclusive, InitialLayout = ImageLayout.Undefined,
        };
        EngineDevice.Check(vk.CreateImage(engine.Device, &info, null, out var image), "vkCreateImage");
        Image = image;
        vk.GetImageMemoryRequirements(engine.Device, image, out var requirements);
        var allocate = new MemoryAllocateInfo
        {
            SType = StructureType.MemoryAllocateInfo, AllocationSize = requirements.Size,
            MemoryTypeIndex = engine.MemoryType(requirements.MemoryTypeBits, MemoryPropertyFlags.DeviceLocalBit),
        };
        EngineDevice.Check(vk.AllocateMemory(engine.Device, &allocate, null, out memory), "vkAllocateMemory");
        EngineDevice.Check(vk.BindImageMemory(engine.Device, image, memory, 0), "vkBindImageMemory");
    }

    public Image Image { get; }
    public FrameSize Size { get; }
    public Format Format { get; }
    public ImageUsageFlags Usage { get; }

    /// <summary>Writes packed 4-byte pixels into the image and leaves it in <paramref name="finalLayout"/> (stands for rendering it).</summary>
    public void Upload(ReadOnlySpan<byte> pixels, ImageLayout finalLayout)
    {
        using var staging = new HostBuffer(engine, (ulong)pixels.Length, BufferUsageFlags.TransferSrcBit);
        pixels.CopyTo(staging.Bytes);
        var commands = engine.BeginCommands();
        Transition(commands, ImageLayout.Undefined, ImageLayout.TransferDstOptimal);
        var region = Region();
        engine.Vk.CmdCopyBufferToImage(commands, staging.Buffer, Image, ImageLayout.TransferDstOptimal, 1, &region);
        Transition(commands, ImageLayout.TransferDstOptimal, finalLayout);
        engine.Submit(commands);
    }

    /// <summary>Reads the image, which is in <paramref name="layout"/> (TRANSFER_SRC_OPTIMAL or GENERAL), as packed 4-byte pixels.</summary>
    public byte[] Download(ImageLayout layout)
    {
        using var staging = new HostBuffer(engine, (ulong)(Size.Pixels * 4), BufferUsageFlags.TransferDstBit);
        var commands = engine.BeginCommands();
        var region = Region();
        engine.Vk.CmdCopyImageToBuffer(commands, Image, layout, staging.Buffer, 1, &region);
        var barrier = new MemoryBarrier { SType = StructureType.MemoryBarrier, SrcAccessMask = AccessFlags.TransferWriteBit, DstAccessMask = AccessFlags.HostReadBit };
        engine.Vk.CmdPipelineBarrier(commands, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 1, &barrier, 0, null, 0, null);
        engine.Submit(commands);
        return staging.Bytes.ToArray();
    }

    private BufferImageCopy Region() => new()
    {
        ImageSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
        ImageExtent = new Extent3D((uint)Size.Width, (uint)Size.Height, 1),
    };

    private void Transition(CommandBuffer commands, ImageLayout from, ImageLayout to)
    {
        var barrier = new ImageMemoryBarrier
        {
            SType = StructureType.ImageMemoryBarrier, OldLayout = from, NewLayout = to, Image = Image,
            SrcAccessMask = from == ImageLayout.TransferDstOptimal ? AccessFlags.TransferWriteBit : 0,
            DstAccessMask = to == ImageLayout.TransferDstOptimal ? AccessFlags.TransferWriteBit : AccessFlags.ShaderReadBit | AccessFlags.TransferReadBit,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored, DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            SubresourceRange = new ImageSubresourceRange(ImageAspectFlags.ColorBit, 0, 1, 0, 1),
        };
        engine.Vk.CmdPipelineBarrier(commands, PipelineStageFlags.TransferBit, PipelineStageFlags.AllCommandsBit, 0, 0, null, 0, null, 1, &barrier);
    }

    public void Dispose()
    {
        engine.Vk.DestroyImage(engine.Device, Image, null);
        engine.Vk.FreeMemory(engine.Device, memory, null);
    }

    /// <summary>A host-visible, coherent buffer, mapped for its life.</summary>
    private sealed class HostBuffer : IDisposable
    {
        private readonly EngineDevice engine;
        private readonly DeviceMemory memory;
        private readonly void* mapped;
        private readonly int length;

        public HostBuffer(EngineDevice engine, ulong size, BufferUsageFlags usage)
        {
            this.engine = engine;
            length = checked((int)size);
            var vk = engine.Vk;
            var info = new BufferCreateInfo { SType = StructureType.BufferCreateInfo, Size = size, Usage = usage, SharingMode = SharingMode.Exclusive };
            EngineDevice.Check(vk.CreateBuffer(engine.Device, &info, null, out var buffer), "vkCreateBuffer");
            Buffer = buffer;
            vk.GetBufferMemoryRequirements(engine.Device, buffer, out var requirements);
            var allocate = new MemoryAllocateInfo
            {
                SType = StructureType.MemoryAllocateInfo, AllocationSize = requirements.Size,
                MemoryTypeIndex = engine.MemoryType(requirements.MemoryTypeBits, MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit),
            };
            EngineDevice.Check(vk.AllocateMemory(engine.Device, &allocate, null, out memory), "vkAllocateMemory");
            EngineDevice.Check(vk.BindBufferMemory(engine.Device, buffer, memory, 0), "vkBindBufferMemory");
            void* pointer;
            EngineDevice.Check(vk.MapMemory(engine.Device, memory, 0, size, 0, &pointer), "vkMapMemory");
            mapped = pointer;
        }

        public Silk.NET.Vulkan.Buffer Buffer { get; }
        public Span<byte> Bytes => new(mapped, length);

        public void Dispose()
        {
            engine.Vk.UnmapMemory(engine.Device, memory);
            engine.Vk.DestroyBuffer(engine.Device, Buffer, null);
            engine.Vk.FreeMemory(engine.Device, memory, null);
        }
    }
}
