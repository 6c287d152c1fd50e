using GdpoRealtime.Demo.Upscaling;

namespace GdpoRealtime.Demo.Viewer;

/// <summary>Everything the user can change in the viewer, and the scene clock.</summary>
public sealed class ViewerState
{
    public DisplayMethodKind Left { get; set; } = DisplayMethodKind.Bilinear;
    public DisplayMethodKind Right { get; set; } = DisplayMethodKind.Model;

    /// <summary>Divider position as a fraction of the window width.</summary>
    public double Divider { get; set; } = 0.5;

    public bool Dragging { get; set; }
    public bool Paused { get; set; }
    public double NoiseStrength { get; set; } = 1.0;
    public bool Jitter { get; set; }
    public bool ShowOverlay { get; set; } = true;
    public double SceneTime { get; set; }
    public bool ScreenshotRequested { get; set; }
    public bool Quit { get; set; }

    /// <summary>True when both sides show the same mode: the frame is shown whole, without a divider.</summary>
    public bool SingleView => Left == Right;
}
