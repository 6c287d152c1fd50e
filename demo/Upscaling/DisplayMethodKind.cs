using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Demo.Upscaling;

/// <summary>Which <see cref="IDisplayMethod"/> produces the output-size frame the viewer shows on each side of its divider.</summary>
public enum DisplayMethodKind
{
    /// <summary>The low-res frame scaled up with bilinear filtering (what a game does without an upscaler).</summary>
    Bilinear,

    /// <summary>Our network (the built-in model or --model).</summary>
    Model,

    /// <summary>The frame rendered natively at the output size, supersampled: the ground truth.</summary>
    Native,
}

public static class DisplayMethodKinds
{
    public static IReadOnlyList<DisplayMethodKind> All { get; } = Enum.GetValues<DisplayMethodKind>();

    public static string Name(DisplayMethodKind kind) => kind.ToString().ToLowerInvariant();

    public static DisplayMethodKind Parse(string text, string what = "mode") => text.Trim().ToLowerInvariant() switch
    {
        "bilinear" or "bilin" => DisplayMethodKind.Bilinear,
        "model" or "ours" or "gdpo" => DisplayMethodKind.Model,
        "native" or "truth" or "gt" => DisplayMethodKind.Native,
        _ => throw new InvalidSettingException($"'{text}' is not a {what}", $"Use one of: {string.Join(", ", All.Select(Name))}."),
    };

    public static DisplayMethodKind Next(DisplayMethodKind kind) => All[((int)kind + 1) % All.Count];
}
