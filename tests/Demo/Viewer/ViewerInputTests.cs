using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Demo.Viewer;
using GdpoRealtime.Demo.Presentation;

namespace GdpoRealtime.Tests.Demo.Viewer;

public class ViewerInputTests
{
    private static ViewerState Apply(params WindowEvent[] events)
    {
        var state = new ViewerState();
        foreach (var e in events) ViewerInput.Apply(state, e, 1000);
        return state;
    }

    [Test]
    public void NumberKeysChooseTheLeftSideAndWithShiftTheRight()
    {
        var state = Apply(new KeyPressed('3', false, false), new KeyPressed('1', true, false));
        Assert.That((state.Left, state.Right), Is.EqualTo((DisplayMethodKind.Native, DisplayMethodKind.Bilinear)));
        state = Apply(new KeyPressed('2', false, false), new KeyPressed(KeyPressed.Tab, false, false));
        Assert.That((state.Left, state.Right), Is.EqualTo((DisplayMethodKind.Model, DisplayMethodKind.Model)));
        Assert.That(state.SingleView, Is.True);
        state = Apply(new KeyPressed('L', false, false), new KeyPressed('R', false, false));
        Assert.That((state.Left, state.Right), Is.EqualTo((DisplayMethodKind.Model, DisplayMethodKind.Native)));
    }

    [Test]
    public void DraggingMovesTheDivider()
    {
        var state = Apply(new MouseButtonChanged(true, 300, 10), new CursorMoved(750, 20), new MouseButtonChanged(false, 750, 20), new CursorMoved(100, 0));
        Assert.That(state.Divider, Is.EqualTo(0.75).Within(1e-9), "moves while held, stays after release");
        Assert.That(state.Dragging, Is.False);
        Assert.That(Apply(new MouseButtonChanged(true, 5000, 0)).Divider, Is.EqualTo(1), "clamped to the window");
    }

    [Test]
    public void KeysPauseChangeNoiseJitterTimeAndQuit()
    {
        var state = Apply(new KeyPressed(KeyPressed.Space, false, false), new KeyPressed(KeyPressed.Minus, false, false),
            new KeyPressed(KeyPressed.Minus, false, true), new KeyPressed('J', false, false), new KeyPressed(KeyPressed.Right, false, false));
        Assert.That(state.Paused, Is.True);
        Assert.That(state.NoiseStrength, Is.EqualTo(0.8).Within(1e-9));
        Assert.That(state.Jitter, Is.True);
        Assert.That(state.SceneTime, Is.EqualTo(0.5).Within(1e-9));
        Assert.That(Apply(new KeyPressed(KeyPressed.Equal, false, false)).NoiseStrength, Is.EqualTo(1), "noise stays within [0, 1]");
        Assert.That(Apply(new KeyPressed(KeyPressed.Escape, false, false)).Quit, Is.True);
        Assert.That(Apply(new KeyPressed(KeyPressed.Space, false, false), new KeyPressed(KeyPressed.Space, false, true)).Paused, Is.True,
            "a held key does not toggle again");
    }
}
