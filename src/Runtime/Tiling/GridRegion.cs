namespace GdpoRealtime.Runtime.Tiling;

/// <summary>A rectangle of cells (or pixels): rows [Top, Bottom), columns [Left, Right).</summary>
public readonly record struct GridRegion(int Top, int Left, int Height, int Width)
{
    public int Bottom => Top + Height;
    public int Right => Left + Width;

    /// <summary>This region grown by <paramref name="margin"/> on every side, then clipped to [0, height) x [0, width).</summary>
    public GridRegion Expand(int margin, int height, int width)
    {
        int top = Math.Max(0, Top - margin), left = Math.Max(0, Left - margin);
        return new GridRegion(top, left, Math.Min(height, Bottom + margin) - top, Math.Min(width, Right + margin) - left);
    }

    /// <summary>Every coordinate multiplied by <paramref name="factor"/> (grid cells to pixels).</summary>
    public GridRegion Scale(int factor) => new(Top * factor, Left * factor, Height * factor, Width * factor);

    /// <summary>This region clipped to [0, height) x [0, width).</summary>
    public GridRegion Clip(int height, int width) =>
        new(Top, Left, Math.Min(height, Bottom) - Top, Math.Min(width, Right) - Left);

    public override string ToString() => $"{Width}x{Height} at ({Left}, {Top})";
}
