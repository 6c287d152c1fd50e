using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Demo.Session;

/// <summary>What the viewer and the headless demo render, compare and write.</summary>
public sealed record DemoSettings
{
    public required FrameSizes Sizes { get; init; }

    /// <summary>Frames to render; 0 runs the viewer until its window closes.</summary>
    public int Frames { get; init; }

    /// <summary>Scene time of the first frame, in seconds.</summary>
    public double StartTime { get; init; }

    /// <summary>Scene seconds between frames; null in the viewer means real time.</summary>
    public double? TimeStep { get; init; }

    public bool Jitter { get; init; }
    public double NoiseStrength { get; init; } = 1.0;
    public long Seed { get; init; }
    public string? TexturesFolder { get; init; }

    /// <summary>The scene shown (its default camera path and lighting).</summary>
    public SceneEntry Scene { get; init; } = SceneCatalog.Get(SceneCatalog.DefaultScene);
    public RenderSettings Render { get; init; } = new();
    public string? ModelPath { get; init; }
    public DevicePreference Device { get; init; } = DevicePreference.Auto;

    /// <summary>How frames reach our network: CUDA interop where the machine allows it, else host staging (or forced).</summary>
    public BackendPreference Backend { get; init; } = BackendPreference.Auto;
    public Precision Precision { get; init; } = Precision.Automatic;
    public string? TorchLibDirectory { get; init; }
    public DisplayMethodKind Left { get; init; } = DisplayMethodKind.Bilinear;
    public DisplayMethodKind Right { get; init; } = DisplayMethodKind.Model;

    /// <summary>Where the headless demo writes its images (the viewer writes screenshots here).</summary>
    public string OutputFolder { get; init; } = "out";

    /// <summary>The viewer saves a screenshot of its window here after the last frame (or on F12).</summary>
    public string? ScreenshotPath { get; init; }

    public bool NoVsync { get; init; }
}
