namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>
/// The 8-bit, four-channel pixel formats the runtime takes and gives (the formats games render and present in).
/// Values are passed to the network as encoded: sRGB frames stay sRGB (the model was trained on display-encoded
/// images), and 8-bit UNORM frames are taken to hold display-encoded values too, as 8-bit frames almost always do.
/// </summary>
public enum PixelFormat
{
    Rgba8Unorm,
    Rgba8Srgb,
    Bgra8Unorm,
    Bgra8Srgb,
}

/// <summary>The order of the colour channels in memory; the frame network swizzles on the model's device.</summary>
public enum ChannelOrder
{
    Rgba,
    Bgra,
}

public static class PixelFormats
{
    public const int BytesPerPixel = 4;

    public static ChannelOrder OrderOf(PixelFormat format) => format switch
    {
        PixelFormat.Rgba8Unorm or PixelFormat.Rgba8Srgb => ChannelOrder.Rgba,
        PixelFormat.Bgra8Unorm or PixelFormat.Bgra8Srgb => ChannelOrder.Bgra,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a pixel format of this runtime."),
    };

    public static bool IsDefined(PixelFormat format) => format is >= PixelFormat.Rgba8Unorm and <= PixelFormat.Bgra8Srgb;
}
