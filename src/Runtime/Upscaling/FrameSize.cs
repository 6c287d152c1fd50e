namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>A frame's size in pixels.</summary>
public readonly record struct FrameSize(int Width, int Height)
{
    public long Pixels => (long)Width * Height;

    public bool Fits(FrameSize limit) => Width <= limit.Width && Height <= limit.Height;

    public override string ToString() => $"{Width}x{Height}";
}
