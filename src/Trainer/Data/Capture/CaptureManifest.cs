using System.Text.Json;
using System.Text.Json.Serialization;

namespace GdpoRealtime.Trainer.Data.Capture;

/// <summary>
/// The capture folder format, written by 'gdpo-sr capture' and read by the trainer:
/// <code>
///   DIR/manifest.json        this record
///   DIR/lowres/000000.png    the frame as a game renders it before an upscaler (1 sample per pixel, no AA)
///   DIR/truth/000000.png     the same frame at the target resolution, supersampled (the ground truth)
/// </code>
/// Pairs are written under temporary names and renamed; the manifest is rewritten atomically after each
/// pair, so it never names a file that is missing. Paths in the manifest are relative to DIR.
/// </summary>
public sealed record CaptureManifest
{
    public const string FormatName = "gdpo-capture";
    public const int CurrentVersion = 1;
    public const string FileName = "manifest.json";

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Identifies the renderer build and scene, so frames of different renderers are not mixed silently.</summary>
    public required string RendererVersion { get; init; }

    /// <summary>The scale as "p/q" (for example "2/1" or "3/2").</summary>
    public required string Scale { get; init; }

    public required int LowResWidth { get; init; }
    public required int LowResHeight { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }

    /// <summary>Samples per ground-truth pixel.</summary>
    public required int SupersampleCount { get; init; }

    public List<CapturedFrame> Frames { get; init; } = new();

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>One captured pair.</summary>
public sealed record CapturedFrame
{
    public required int Index { get; init; }

    /// <summary>Scene time in seconds (the camera path is a function of it).</summary>
    public required double Time { get; init; }

    public required CaptureCamera Camera { get; init; }

    /// <summary>Sub-pixel jitter of the low-res render, in low-res pixels, each in [-0.5, 0.5].</summary>
    public required float[] Jitter { get; init; }

    /// <summary>Relative path of the low-res PNG.</summary>
    public required string LowRes { get; init; }

    /// <summary>Relative path of the ground-truth PNG.</summary>
    public required string Truth { get; init; }
}

public sealed record CaptureCamera(float[] Position, float[] Target, float FieldOfViewYDegrees);
