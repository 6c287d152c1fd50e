using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Demo.Upscaling;

/// <summary>What produces the output-size frame the viewer shows on each side of its divider.</summary>
public enum UpscaleMode
{
    /// <summary>The low-res frame scaled up with bilinear filtering (what a game does without an upscaler).</summary>
    Bilinear,

    /// <summary>Our network (the built-in model or --model).</summary>
    Model,

    /// <summary>The frame rendered natively at the output size, supersampled: the ground truth.</summary>
    Native,
}

public static class UpscaleModes
{
    public static IReadOnlyList<UpscaleMode> All { get; } = Enum.GetValues<UpscaleMode>();

    public static string Name(UpscaleMode mode) => mode.ToString().ToLowerInvariant();

    public static UpscaleMode Parse(string text, string what = "mode") => text.Trim().ToLowerInvariant() switch
    {
        "bilinear" or "bilin" => UpscaleMode.Bilinear,
        "model" or "ours" or "gdpo" => UpscaleMode.Model,
        "native" or "truth" or "gt" => UpscaleMode.Native,
        _ => throw new InvalidSettingException($"'{text}' is not a {what}", $"Use one of: {string.Join(", ", All.Select(Name))}."),
    };

    public static UpscaleMode Next(UpscaleMode mode) => All[((int)mode + 1) % All.Count];
}
