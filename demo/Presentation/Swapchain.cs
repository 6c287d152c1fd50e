using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace GdpoRealtime.Demo.Presentation;

/// <summary>What the swapchain should look like.</summary>
public sealed record SwapchainOptions
{
    /// <summary>Formats in order of preference; the surface's first format is used when none is offered.</summary>
    public IReadOnlyList<Format> PreferredFormats { get; init; } = new[] { Format.B8G8R8A8Srgb, Format.R8G8B8A8Srgb };

    /// <summary>Present without waiting for vertical blank (mailbox or immediate) when the surface allows it.</summary>
    public bool NoVsync { get; init; }
}

/// <summary>
/// A swapchain on a window surface, its image views and one "rendering finished" semaphore per image.
/// <see cref="Recreate"/> rebuilds it when the window changes size or the surface reports it out of date.
/// </summary>
public sealed unsafe class Swapchain : IDisposable
{
    private readonly VulkanDevice device;
    private readonly KhrSurface surfaceFunctions;
    private readonly KhrSwapchain functions;
    private readonly SurfaceKHR surface;
    private readonly SwapchainOptions options;
    private ImageView[] views = Array.Empty<ImageView>();
    private Semaphore[] renderFinished = Array.Empty<Semaphore>();
    private bool disposed;

    public Swapchain(VulkanDevice device, KhrSurface surfaceFunctions, SurfaceKHR surface, uint width, uint height, SwapchainOptions? options = null)
    {
        this.device = device;
        this.surfaceFunctions = surfaceFunctions;
        this.surface = surface;
        this.options = options ?? new SwapchainOptions();
        functions = new KhrSwapchain(device);
        var formats = surfaceFunctions.Formats(device.Physical.Handle, surface);
        if (formats.Length == 0)
            throw new VulkanUnavailableException("The window surface offers no pixel format", "Update the Vulkan driver or the window system");
        SurfaceFormat = this.options.PreferredFormats
            .Select(f => formats.FirstOrDefault(s => s.Format == f && s.ColorSpace == ColorSpaceKHR.SpaceSrgbNonlinearKhr))
            .FirstOrDefault(s => s.Format != Format.Undefined, formats[0]);
        var modes = surfaceFunctions.PresentModes(device.Physical.Handle, surface);
        PresentMode = this.options.NoVsync && modes.Contains(PresentModeKHR.MailboxKhr) ? PresentModeKHR.MailboxKhr
            : this.options.NoVsync && modes.Contains(PresentModeKHR.ImmediateKhr) ? PresentModeKHR.ImmediateKhr
            : PresentModeKHR.FifoKhr; // the one mode every surface supports
        Recreate(width, height);
    }

    public SurfaceFormatKHR SurfaceFormat { get; }
    public Format Format => SurfaceFormat.Format;
    public PresentModeKHR PresentMode { get; }
    public SwapchainKHR Handle { get; private set; }
    public Extent2D Extent { get; private set; }
    public Image[] Images { get; private set; } = Array.Empty<Image>();
    public IReadOnlyList<ImageView> Views => views;

    /// <summary>True when images can be copied out (screenshots): the surface allows TRANSFER_SRC usage.</summary>
    public bool CanReadBack { get; private set; }

    /// <summary>Signalled by the frame's rendering for image <paramref name="index"/>; present waits on it.</summary>
    public Semaphore RenderFinished(uint index) => renderFinished[index];

    /// <summary>Builds (or rebuilds) the swapchain for a window of the given framebuffer size.</summary>
    public void Recreate(uint width, uint height)
    {
        device.WaitIdle();
        var capabilities = surfaceFunctions.Capabilities(device.Physical.Handle, surface);
        var extent = capabilities.CurrentExtent.Width != uint.MaxValue
            ? capabilities.CurrentExtent
            : new Extent2D(
                Math.Clamp(width, capabilities.MinImageExtent.Width, capabilities.MaxImageExtent.Width),
                Math.Clamp(height, capabilities.MinImageExtent.Height, capabilities.MaxImageExtent.Height));
        uint imageCount = capabilities.MinImageCount + 1;
        if (capabilities.MaxImageCount > 0) imageCount = Math.Min(imageCount, capabilities.MaxImageCount);
        CanReadBack = (capabilities.SupportedUsageFlags & ImageUsageFlags.TransferSrcBit) != 0;
        var usage = ImageUsageFlags.ColorAttachmentBit | (CanReadBack ? ImageUsageFlags.TransferSrcBit : 0);
        var old = Handle;
        var info = new SwapchainCreateInfoKHR
        {
            SType = StructureType.SwapchainCreateInfoKhr,
            Surface = surface,
            MinImageCount = imageCount,
            ImageFormat = SurfaceFormat.Format,
            ImageColorSpace = SurfaceFormat.ColorSpace,
            ImageExtent = extent,
            ImageArrayLayers = 1,
            ImageUsage = usage,
            ImageSharingMode = SharingMode.Exclusive,
            PreTransform = capabilities.CurrentTransform,
            CompositeAlpha = (capabilities.SupportedCompositeAlpha & CompositeAlphaFlagsKHR.OpaqueBitKhr) != 0
                ? CompositeAlphaFlagsKHR.OpaqueBitKhr
                : CompositeAlphaFlagsKHR.InheritBitKhr,
            PresentMode = PresentMode,
            Clipped = true,
            OldSwapchain = old,
        };
        var created = functions.Create(info);
        DestroyViews();
        if (old.Handle != 0) functions.Destroy(old);
        Handle = created;
        Extent = extent;
        Images = functions.Images(created);
        views = new ImageView[Images.Length];
        renderFinished = new Semaphore[Images.Length];
        var vk = device.Vk;
        for (int i = 0; i < Images.Length; i++)
        {
            var viewInfo = new ImageViewCreateInfo
            {
                SType = StructureType.ImageViewCreateInfo,
                Image = Images[i],
                ViewType = ImageViewType.Type2D,
                Format = SurfaceFormat.Format,
                SubresourceRange = new ImageSubresourceRange(ImageAspectFlags.ColorBit, 0, 1, 0, 1),
            };
            vk.CreateImageView(device.Handle, &viewInfo, null, out views[i]).Check("vkCreateImageView (swapchain)");
            var semaphoreInfo = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo };
            vk.CreateSemaphore(device.Handle, &semaphoreInfo, null, out renderFinished[i]).Check("vkCreateSemaphore");
        }
    }

    /// <summary>Acquires the next image, signalling <paramref name="acquired"/>; false when the swapchain must be recreated first.</summary>
    public bool TryAcquire(Semaphore acquired, out uint index)
    {
        var result = functions.AcquireNextImage(Handle, acquired, out index);
        if (result == Result.ErrorOutOfDateKhr) return false;
        if (result != Result.SuboptimalKhr) result.Check("vkAcquireNextImageKHR");
        return true;
    }

    /// <summary>Presents image <paramref name="index"/> once its rendering finished; false when the swapchain should be recreated.</summary>
    public bool Present(uint index)
    {
        var result = functions.Present(Handle, index, renderFinished[index]);
        if (result is Result.ErrorOutOfDateKhr or Result.SuboptimalKhr) return false;
        result.Check("vkQueuePresentKHR");
        return true;
    }

    private void DestroyViews()
    {
        var vk = device.Vk;
        foreach (var view in views) vk.DestroyImageView(device.Handle, view, null);
        foreach (var semaphore in renderFinished) vk.DestroySemaphore(device.Handle, semaphore, null);
        views = Array.Empty<ImageView>();
        renderFinished = Array.Empty<Semaphore>();
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        device.WaitIdle();
        DestroyViews();
        if (Handle.Handle != 0) functions.Destroy(Handle);
    }
}
