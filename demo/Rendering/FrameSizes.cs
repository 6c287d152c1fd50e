using System.Globalization;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;

namespace GdpoRealtime.Demo.Rendering;

/// <summary>The output (target) size, the scale and the low-res size they imply.</summary>
public sealed record FrameSizes
{
    public const int MinimumLowResSide = 16;
    public const int MaximumSide = 8192;

    private FrameSizes(int width, int height, ScaleFactor scale)
    {
        Width = width;
        Height = height;
        Scale = scale;
        LowResWidth = width * scale.Denominator / scale.Numerator;
        LowResHeight = height * scale.Denominator / scale.Numerator;
    }

    public int Width { get; }
    public int Height { get; }
    public ScaleFactor Scale { get; }
    public int LowResWidth { get; }
    public int LowResHeight { get; }

    /// <summary>Checks that the output size divides exactly by the scale and is within limits.</summary>
    public static FrameSizes Create(int width, int height, ScaleFactor scale)
    {
        if (width > MaximumSide || height > MaximumSide)
            throw new InvalidSettingException($"Size {width}x{height} is larger than {MaximumSide}x{MaximumSide}", "Use a smaller --size.");
        if (width % scale.Numerator != 0 || height % scale.Numerator != 0
            || width * scale.Denominator % scale.Numerator != 0 || height * scale.Denominator % scale.Numerator != 0)
            throw new InvalidSettingException($"Size {width}x{height} does not divide by scale x{scale} into whole low-res pixels",
                $"Use a size whose sides are multiples of {scale.Numerator}, such as {RoundTo(width, scale.Numerator)}x{RoundTo(height, scale.Numerator)}.");
        var sizes = new FrameSizes(width, height, scale);
        if (sizes.LowResWidth < MinimumLowResSide || sizes.LowResHeight < MinimumLowResSide)
            throw new InvalidSettingException($"Size {width}x{height} at scale x{scale} gives a {sizes.LowResWidth}x{sizes.LowResHeight} low-res frame, below {MinimumLowResSide}x{MinimumLowResSide}",
                "Use a larger --size.");
        return sizes;
    }

    /// <summary>Parses "WxH" (for example "1920x1080").</summary>
    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            && width > 0 && height > 0)
            return (width, height);
        throw new InvalidSettingException($"'{text}' is not a size", "Write it as WIDTHxHEIGHT, for example 1920x1080.");
    }

    public override string ToString() => $"{LowResWidth}x{LowResHeight} -> {Width}x{Height} (x{Scale})";

    private static int RoundTo(int value, int multiple) => Math.Max(multiple, (value + multiple / 2) / multiple * multiple);
}
