using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Upscaling;

/// <summary>The Vulkan formats and layouts the upscaler accepts.</summary>
public static class VulkanFormats
{
    public static IReadOnlyList<Format> Supported { get; } = new[] { Format.R8G8B8A8Unorm, Format.R8G8B8A8Srgb, Format.B8G8R8A8Unorm, Format.B8G8R8A8Srgb };

    public static PixelFormat? TryPixelFormat(Format format) => format switch
    {
        Format.R8G8B8A8Unorm => PixelFormat.Rgba8Unorm,
        Format.R8G8B8A8Srgb => PixelFormat.Rgba8Srgb,
        Format.B8G8R8A8Unorm => PixelFormat.Bgra8Unorm,
        Format.B8G8R8A8Srgb => PixelFormat.Bgra8Srgb,
        _ => null,
    };

    /// <summary>The pixel format of a supported Vulkan format, or an <see cref="InvalidDispatchException"/> naming it and the fix.</summary>
    public static PixelFormat PixelFormatOf(Format format, string which) => TryPixelFormat(format)
        ?? throw new InvalidDispatchException($"The {which} image's format {format} is not supported",
            $"Use an 8-bit RGBA or BGRA image ({string.Join(", ", Supported)}); for HDR or other formats, tone-map or blit into one first.");

    /// <summary>Layouts an image can hold defined contents in (everything but UNDEFINED and PREINITIALIZED).</summary>
    public static bool HoldsContents(ImageLayout layout) =>
        Enum.IsDefined(layout) && layout is not (ImageLayout.Undefined or ImageLayout.Preinitialized);
}
