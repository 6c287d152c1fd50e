namespace GdpoRealtime.Runtime.Imaging;

/// <summary>An 8-bit RGB image, rows top to bottom, pixels interleaved R, G, B.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[]? pixels = null)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}x{height} is empty.");
        Width = width;
        Height = height;
        Pixels = pixels ?? new byte[checked(width * height * 3)];
        if (Pixels.Length != width * height * 3)
            throw new ArgumentException($"A {width}x{height} RGB image needs {width * height * 3} bytes, got {Pixels.Length}.", nameof(pixels));
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Width * 3, Width * 3);

    /// <summary>A copy of a rectangle of this image.</summary>
    public RgbImage Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > Width || y + height > Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Crop {width}x{height} at ({x},{y}) leaves the {Width}x{Height} image.");
        var crop = new RgbImage(width, height);
        for (int row = 0; row < height; row++)
            Pixels.AsSpan(((y + row) * Width + x) * 3, width * 3).CopyTo(crop.Row(row));
        return crop;
    }

    /// <summary>Copies <paramref name="source"/> into this image with its top-left corner at (x, y), clipped to the bounds.</summary>
    public void Paste(RgbImage source, int x, int y)
    {
        for (int row = 0; row < source.Height; row++)
        {
            int ty = y + row;
            if (ty < 0 || ty >= Height) continue;
            int x0 = Math.Max(0, x), x1 = Math.Min(Width, x + source.Width);
            if (x1 <= x0) return;
            source.Pixels.AsSpan(((row * source.Width) + (x0 - x)) * 3, (x1 - x0) * 3).CopyTo(Pixels.AsSpan((ty * Width + x0) * 3));
        }
    }

    public void Fill(byte r, byte g, byte b)
    {
        for (int i = 0; i < Pixels.Length; i += 3)
        {
            Pixels[i] = r;
            Pixels[i + 1] = g;
            Pixels[i + 2] = b;
        }
    }
}
