namespace GdpoRealtime.Demo.Presentation;

/// <summary>Something the user did in a window, queued in order and drained once per frame.</summary>
public abstract record WindowEvent;

/// <summary>A key went down (or repeats while held). <paramref name="Key"/> is GLFW's key code: ASCII for letters and digits.</summary>
public sealed record KeyPressed(int Key, bool Shift, bool IsRepeat) : WindowEvent
{
    public const int Space = 32;
    public const int Escape = 256;
    public const int Enter = 257;
    public const int Tab = 258;
    public const int Right = 262;
    public const int Left = 263;
    public const int Down = 264;
    public const int Up = 265;
    public const int Minus = 45;
    public const int Equal = 61;
    public const int LeftBracket = 91;
    public const int RightBracket = 93;
    public const int KeypadSubtract = 333;
    public const int KeypadAdd = 334;
    public const int F1 = 290;
}

/// <summary>The left mouse button went down or up at a position in framebuffer pixels.</summary>
public sealed record MouseButtonChanged(bool Pressed, double X, double Y) : WindowEvent;

/// <summary>The cursor moved to a position in framebuffer pixels.</summary>
public sealed record CursorMoved(double X, double Y) : WindowEvent;
