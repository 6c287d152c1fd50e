using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Demo.Capture;

/// <summary>What 'gdpo-sr capture' renders: which frames, at which sizes, with which renderer settings.</summary>
public sealed record CaptureSettings
{
    public required string OutputFolder { get; init; }
    public required FrameSizes Sizes { get; init; }

    /// <summary>Pairs the folder should hold when the run ends (a resumed run adds the missing ones).</summary>
    public required int Frames { get; init; }

    /// <summary>Scene time of pair 0; pair i is at <see cref="StartTime"/> + i * <see cref="Interval"/>.</summary>
    public double StartTime { get; init; }

    public double Interval { get; init; } = 0.5;
    public bool Jitter { get; init; }
    public RenderSettings Render { get; init; } = new();
    public string? TexturesFolder { get; init; }

    public double TimeOf(int index) => StartTime + index * Interval;

    public void Validate()
    {
        if (Frames < 1) throw new InvalidSettingException($"--frames {Frames} is not a positive count", "Pass the number of pairs to capture, such as 200.");
        if (!(Interval > 0)) throw new InvalidSettingException($"--interval {Interval} is not positive", "Pass the scene seconds between pairs, such as 0.5.");
        if (!double.IsFinite(StartTime) || StartTime < 0) throw new InvalidSettingException($"--start {StartTime} is not a time", "Pass a scene time of 0 or more seconds.");
        Render.Validate();
    }
}
