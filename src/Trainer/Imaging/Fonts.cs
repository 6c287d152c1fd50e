using SkiaSharp;

namespace GdpoRealtime.Trainer.Imaging;

/// <summary>The typeface for captions and the demo's signs and overlay: DejaVu Sans (Debian's fonts-dejavu-core) when installed, else Skia's default.</summary>
public static class Fonts
{
    private static readonly string[] Candidates =
    {
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "C:/Windows/Fonts/segoeui.ttf",
    };

    private static readonly Lazy<SKTypeface> Loaded = new(() =>
    {
        foreach (var path in Candidates)
            if (File.Exists(path) && SKTypeface.FromFile(path) is { } typeface) return typeface;
        return SKTypeface.Default;
    });

    public static SKTypeface Sans => Loaded.Value;
}
