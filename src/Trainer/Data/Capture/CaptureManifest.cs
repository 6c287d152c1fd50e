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
/// Version 2 records, per pair, the scene, texture source, camera path, lighting and jitter it was rendered
/// with (a capture may hold many scenes), and the plan that lays the pairs out; version 1 (one scene, its
/// name inside <see cref="RendererVersion"/>) is still read.
/// </summary>
public sealed record CaptureManifest
{
    public const string FormatName = "gdpo-capture";
    public const int CurrentVersion = 2;
    public const string FileName = "manifest.json";

    /// <summary>
    /// Scenes whose name starts with this are held apart: never trained on, used for figures only. The
    /// renderer names its held-apart scene so, and the trainer refuses such frames for training.
    /// </summary>
    public const string HeldApartScenePrefix = "heldout-";

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

    /// <summary>How the pairs are laid out over scenes and texture sources (version 2; null in version 1).</summary>
    public CapturePlanRecord? Plan { get; init; }

    public List<CapturedFrame> Frames { get; init; } = new();

    /// <summary>Whether any pair shows a held-apart scene (see <see cref="HeldApartScenePrefix"/>).</summary>
    [JsonIgnore]
    public bool HoldsHeldApartScene => Frames.Any(f => f.Scene?.StartsWith(HeldApartScenePrefix, StringComparison.Ordinal) == true);

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

    /// <summary>The scene's name (version 2).</summary>
    public string? Scene { get; init; }

    /// <summary>The scene's content revision (version 2).</summary>
    public int? SceneRevision { get; init; }

    /// <summary>The texture source: "procedural" or a folder's name (version 2).</summary>
    public string? Textures { get; init; }

    /// <summary>A short hash of every texel of the textures the pair was rendered with (version 2).</summary>
    public string? TexturesFingerprint { get; init; }

    /// <summary>Which of the scene's camera paths (version 2).</summary>
    public int? CameraPath { get; init; }

    /// <summary>The lighting's name, such as "noon" or "dusk" (version 2).</summary>
    public string? Lighting { get; init; }

    /// <summary>Whether the low-res render was jittered (version 2; version 1: any non-zero <see cref="Jitter"/>).</summary>
    public bool? Jittered { get; init; }
}

/// <summary>
/// The layout of a many-scene capture: the pairs form one segment per (scene, texture source), scene-major,
/// each <see cref="FramesPerSegment"/> long (the last ones shorter when the count does not divide).
/// </summary>
public sealed record CapturePlanRecord
{
    public required List<string> Scenes { get; init; }
    public required List<CaptureTextureSource> TextureSources { get; init; }
    public required int Frames { get; init; }
    public required int FramesPerSegment { get; init; }
    public required double Start { get; init; }
    public required double Interval { get; init; }

    /// <summary>"off", "on" or "mixed" (about half the pairs jittered, chosen by the seed).</summary>
    public required string Jitter { get; init; }

    /// <summary>Chooses each scene's images from a texture folder and the jittered pairs of a mixed capture.</summary>
    public required int Seed { get; init; }
}

/// <summary>A texture source of a capture: its label and, for a folder, where it was read from.</summary>
public sealed record CaptureTextureSource(string Label, string? Folder);

public sealed record CaptureCamera(float[] Position, float[] Target, float FieldOfViewYDegrees);
