using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Demo.Presentation;

namespace GdpoRealtime.Demo.Viewer;

/// <summary>
/// Maps window events to viewer changes. Keys: 1/2/3 put bilinear/model/native left of the divider, with
/// Shift right of it; L and R cycle a side; Tab swaps the sides; Space or P pauses the camera; + and -
/// change the noise strength by 0.1; J toggles jitter; Left/Right move the scene clock by half a second;
/// H hides the overlay; F12 saves a screenshot; Esc or Q quits. Dragging with the left mouse button moves the divider.
/// </summary>
public static class ViewerInput
{
    public const double NoiseStep = 0.1;
    public const double TimeNudgeSeconds = 0.5;
    private const int F12 = 301;

    public static string Help => "1/2/3 left side, Shift+1/2/3 right side (bilinear/model/native), drag the divider, Tab swap, " +
                                 "Space pause, +/- noise, J jitter, arrows step time, H overlay, F12 screenshot, Esc quit";

    /// <summary>Applies one event; returns a description of what changed (for the log), or null when nothing did.</summary>
    public static string? Apply(ViewerState state, WindowEvent windowEvent, int windowWidth)
    {
        switch (windowEvent)
        {
            case MouseButtonChanged { Pressed: true } press:
                state.Dragging = true;
                state.Divider = Fraction(press.X, windowWidth);
                return null;
            case MouseButtonChanged:
                state.Dragging = false;
                return $"divider at {state.Divider:P0}";
            case CursorMoved move when state.Dragging:
                state.Divider = Fraction(move.X, windowWidth);
                return null;
            case KeyPressed key:
                return ApplyKey(state, key);
            default:
                return null;
        }
    }

    private static string? ApplyKey(ViewerState state, KeyPressed key)
    {
        switch (key.Key)
        {
            case '1' or '2' or '3':
                var mode = DisplayMethodKinds.All[key.Key - '1'];
                if (key.Shift) state.Right = mode;
                else state.Left = mode;
                return Sides(state);
            case 'L':
                state.Left = DisplayMethodKinds.Next(state.Left);
                return Sides(state);
            case 'R':
                state.Right = DisplayMethodKinds.Next(state.Right);
                return Sides(state);
            case KeyPressed.Tab:
                (state.Left, state.Right) = (state.Right, state.Left);
                return Sides(state);
            case KeyPressed.Space or 'P' when !key.IsRepeat:
                state.Paused = !state.Paused;
                return state.Paused ? "camera paused" : "camera running";
            case KeyPressed.Equal or KeyPressed.RightBracket or KeyPressed.KeypadAdd:
                state.NoiseStrength = Math.Round(Math.Min(1, state.NoiseStrength + NoiseStep), 2);
                return $"noise strength {state.NoiseStrength:0.0}";
            case KeyPressed.Minus or KeyPressed.LeftBracket or KeyPressed.KeypadSubtract:
                state.NoiseStrength = Math.Round(Math.Max(0, state.NoiseStrength - NoiseStep), 2);
                return $"noise strength {state.NoiseStrength:0.0}";
            case 'J' when !key.IsRepeat:
                state.Jitter = !state.Jitter;
                return state.Jitter ? "jitter on" : "jitter off";
            case KeyPressed.Left:
                state.SceneTime = Math.Max(0, state.SceneTime - TimeNudgeSeconds);
                return $"scene time {state.SceneTime:F1} s";
            case KeyPressed.Right:
                state.SceneTime += TimeNudgeSeconds;
                return $"scene time {state.SceneTime:F1} s";
            case 'H' or KeyPressed.F1 when !key.IsRepeat:
                state.ShowOverlay = !state.ShowOverlay;
                return null;
            case F12 when !key.IsRepeat:
                state.ScreenshotRequested = true;
                return null;
            case KeyPressed.Escape or 'Q':
                state.Quit = true;
                return "quit";
            default:
                return null;
        }
    }

    private static string Sides(ViewerState state) => $"left: {DisplayMethodKinds.Name(state.Left)}, right: {DisplayMethodKinds.Name(state.Right)}";

    private static double Fraction(double x, int width) => width <= 0 ? 0.5 : Math.Clamp(x / width, 0, 1);
}
