using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>The render-to-display ratios engines know from FSR2 and DLSS.</summary>
public enum QualityMode
{
    /// <summary>1.5x per side.</summary>
    Quality,
    /// <summary>1.7x per side.</summary>
    Balanced,
    /// <summary>2x per side: the built-in model's own scale.</summary>
    Performance,
    /// <summary>3x per side.</summary>
    UltraPerformance,
}

/// <summary>Maps quality modes to render sizes, as FSR2's ffxFsr2GetRenderResolutionFromQualityMode does.</summary>
public static class QualityModes
{
    public static double Ratio(QualityMode mode) => mode switch
    {
        QualityMode.Quality => 1.5,
        QualityMode.Balanced => 1.7,
        QualityMode.Performance => 2.0,
        QualityMode.UltraPerformance => 3.0,
        _ => throw new InvalidSettingException($"Quality mode {(int)mode} is unknown", "Use Quality, Balanced, Performance or UltraPerformance."),
    };

    /// <summary>The size to render at for a display size: each side divided by the ratio, rounded down, at least 1.</summary>
    public static FrameSize RenderSize(FrameSize display, QualityMode mode)
    {
        double ratio = Ratio(mode);
        return new FrameSize(Math.Max(1, (int)(display.Width / ratio)), Math.Max(1, (int)(display.Height / ratio)));
    }

    public static QualityMode Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "quality" => QualityMode.Quality,
        "balanced" => QualityMode.Balanced,
        "performance" => QualityMode.Performance,
        "ultra-performance" or "ultraperformance" => QualityMode.UltraPerformance,
        _ => throw new InvalidSettingException($"'{text}' is not a quality mode", "Use quality, balanced, performance or ultra-performance."),
    };
}
