using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Demo.Capture;

/// <summary>What 'gdpo-sr capture' renders: which scenes and textures, which frames, at which sizes, with which renderer settings.</summary>
public sealed record CaptureSettings
{
    public required string OutputFolder { get; init; }
    public required FrameSizes Sizes { get; init; }

    /// <summary>Pairs the folder should hold when the run ends (a resumed run adds the missing ones).</summary>
    public required int Frames { get; init; }

    /// <summary>The scenes, in catalogue order; each is captured with every texture source.</summary>
    public IReadOnlyList<SceneEntry> Scenes { get; init; } = new[] { SceneCatalog.Get(SceneCatalog.DefaultScene) };

    public IReadOnlyList<TextureSource> TextureSources { get; init; } = new[] { TextureSource.Procedural };

    /// <summary>Scene time of a segment's first pair; its pair j is at <see cref="StartTime"/> + j * <see cref="Interval"/>.</summary>
    public double StartTime { get; init; }

    public double Interval { get; init; } = 0.5;
    public JitterMode Jitter { get; init; }

    /// <summary>Chooses each scene's images from a texture folder and, with <see cref="JitterMode.Mixed"/>, the jittered pairs.</summary>
    public int Seed { get; init; }

    public RenderSettings Render { get; init; } = new();

    public void Validate()
    {
        if (Frames < 1) throw new InvalidSettingException($"--frames {Frames} is not a positive count", "Pass the number of pairs to capture, such as 200.");
        if (!(Interval > 0)) throw new InvalidSettingException($"--interval {Interval} is not positive", "Pass the scene seconds between pairs, such as 0.5.");
        if (!double.IsFinite(StartTime) || StartTime < 0) throw new InvalidSettingException($"--start {StartTime} is not a time", "Pass a scene time of 0 or more seconds.");
        if (Scenes.Count == 0) throw new InvalidSettingException("No scene was chosen", "Name one with --scene, or --scene all-training.");
        if (TextureSources.Count == 0) throw new InvalidSettingException("No texture source was chosen", "Pass --textures DIR or --textures procedural.");
        int segments = Scenes.Count * TextureSources.Count;
        if (Frames < segments)
            throw new InvalidSettingException($"--frames {Frames} is fewer than the {segments} scene and texture combinations",
                $"Capture at least {segments} pairs, one per combination (several per camera path and lighting is better).");
        Render.Validate();
        HeldApartRules.Check(Scenes, TextureSources);
    }
}
