using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Upscaling;

/// <summary>
/// One of the engine's images as a dispatch uses it. Vulkan cannot be asked an image's size, usage or layout, so
/// the engine states them; the upscaler checks them before recording anything.
/// </summary>
public readonly record struct VulkanImageDescription
{
    /// <summary>VkImage (2D, one sample; mip 0 and array layer 0 are used).</summary>
    public required ulong Image { get; init; }

    /// <summary>R8G8B8A8 or B8G8R8A8, UNORM or SRGB.</summary>
    public required Format Format { get; init; }

    /// <summary>The image's extent (mip 0), in pixels.</summary>
    public required FrameSize Size { get; init; }

    /// <summary>The usage flags the image was created with: TRANSFER_SRC for an input, TRANSFER_DST for an output.</summary>
    public required ImageUsageFlags Usage { get; init; }

    /// <summary>The layout the image is in when the dispatch's work starts (on the queue, in submission order).</summary>
    public required ImageLayout Layout { get; init; }
}
