using System.Numerics;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Trainer.Data.Capture;

namespace GdpoRealtime.Demo.Capture;

/// <summary>One (scene, texture source) run of consecutive pairs: the renderer is built once per segment.</summary>
public sealed record CaptureSegment(int Index, SceneEntry Scene, SceneDefinition Definition, TextureSource Textures, int FirstFrame, int Frames);

/// <summary>What pair <see cref="Index"/> of a capture shows.</summary>
public sealed record PlannedFrame(int Index, CaptureSegment Segment, double Time, int CameraPath, int Lighting, bool Jittered, Vector2 Jitter)
{
    public string LightingName => Segment.Definition.Lightings[Lighting].Name;

    public FrameDescription Describe(FrameSizes sizes) =>
        FrameDescription.At(Segment.Definition, Index, Time, sizes, jitter: false, CameraPath, Lighting) with { Jitter = Jitter };
}

/// <summary>
/// Lays a capture's pairs out, as a pure function of its settings, so a killed capture continues exactly
/// and a folder can be checked against the settings of a new run. The pairs form one segment per (scene,
/// texture source), scene-major, of ceil(frames / segments) pairs (the last ones shorter). Pair j of
/// segment k is at scene time start + j * interval, on camera path (j + k) mod P under lighting
/// (j / P + k) mod V (P paths, V lightings): consecutive pairs change path, each path cycles its
/// lightings, and neighbouring segments start on different ones. Jitter is on for all, none, or (mixed)
/// the pairs a hash of the seed and the pair's index picks, with the Halton offset of the pair's index.
/// </summary>
public sealed class CapturePlan
{
    private CapturePlan(CaptureSettings settings, IReadOnlyList<CaptureSegment> segments, int framesPerSegment)
    {
        Settings = settings;
        Segments = segments;
        FramesPerSegment = framesPerSegment;
    }

    public CaptureSettings Settings { get; }
    public IReadOnlyList<CaptureSegment> Segments { get; }
    public int FramesPerSegment { get; }
    public int Frames => Settings.Frames;

    public static CapturePlan Create(CaptureSettings settings)
    {
        settings.Validate();
        int count = settings.Scenes.Count * settings.TextureSources.Count;
        int perSegment = (settings.Frames + count - 1) / count;
        var segments = new List<CaptureSegment>();
        foreach (var scene in settings.Scenes)
        {
            var definition = scene.Create();
            foreach (var source in settings.TextureSources)
            {
                int first = segments.Count * perSegment;
                int frames = Math.Max(0, Math.Min(perSegment, settings.Frames - first));
                segments.Add(new CaptureSegment(segments.Count, scene, definition, source, first, frames));
            }
        }
        return new CapturePlan(settings, segments, perSegment);
    }

    public PlannedFrame Frame(int index)
    {
        if (index < 0 || index >= Frames) throw new ArgumentOutOfRangeException(nameof(index), index, $"A plan of {Frames} pairs.");
        var segment = Segments[index / FramesPerSegment];
        int j = index - segment.FirstFrame, k = segment.Index;
        int paths = segment.Definition.CameraPaths.Count, lightings = segment.Definition.Lightings.Count;
        bool jittered = Settings.Jitter switch
        {
            JitterMode.On => true,
            JitterMode.Mixed => Scene.Textures.TextureNoise.Random(index, Settings.Seed, 0x6A177E5u) < 0.5f,
            _ => false,
        };
        var jitter = jittered ? Scene.Jitter.ForFrame(index, Settings.Sizes.Scale.Value) : Vector2.Zero;
        return new PlannedFrame(index, segment, Settings.StartTime + j * Settings.Interval, (j + k) % paths, (j / paths + k) % lightings, jittered, jitter);
    }

    /// <summary>The plan as the manifest records it (folders as absolute paths, so --resume finds them again).</summary>
    public CapturePlanRecord Record() => new()
    {
        Scenes = Settings.Scenes.Select(s => s.Name).ToList(),
        TextureSources = Settings.TextureSources.Select(s => new CaptureTextureSource(s.Label, s.Folder)).ToList(),
        Frames = Frames,
        FramesPerSegment = FramesPerSegment,
        Start = Settings.StartTime,
        Interval = Settings.Interval,
        Jitter = Settings.Jitter.Name(),
        Seed = Settings.Seed,
    };
}
