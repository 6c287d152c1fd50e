using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Demo.Capture;

/// <summary>Which low-res renders of a capture are jittered: none, all, or about half (chosen by the seed), as games run with TAA-style upscalers on or off.</summary>
public enum JitterMode
{
    Off,
    On,
    Mixed,
}

public static class JitterModes
{
    public static string Name(this JitterMode mode) => mode.ToString().ToLowerInvariant();

    public static JitterMode Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "off" or "false" or "no" => JitterMode.Off,
        "on" or "true" or "yes" or "" => JitterMode.On,
        "mixed" => JitterMode.Mixed,
        _ => throw new InvalidSettingException($"'{text}' is not a jitter mode", "Use --jitter (on), --jitter off, --jitter on or --jitter mixed."),
    };
}
