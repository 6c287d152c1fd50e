namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>An 8-bit sRGB texture with alpha, rows top to bottom, pixels interleaved R, G, B, A.</summary>
public sealed class RgbaTexture
{
    public RgbaTexture(int width, int height, byte[]? pixels = null)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Texture size {width}x{height} is empty.");
        Width = width;
        Height = height;
        Pixels = pixels ?? new byte[checked(width * height * 4)];
        if (Pixels.Length != width * height * 4) throw new ArgumentException($"A {width}x{height} RGBA texture needs {width * height * 4} bytes.", nameof(pixels));
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public void Set(int x, int y, float r, float g, float b, float a = 1f)
    {
        int i = (y * Width + x) * 4;
        Pixels[i] = ToByte(r);
        Pixels[i + 1] = ToByte(g);
        Pixels[i + 2] = ToByte(b);
        Pixels[i + 3] = ToByte(a);
    }

    /// <summary>Fills every pixel from a function of its coordinates, rows in parallel (each pixel a pure function, so the result is deterministic).</summary>
    public static RgbaTexture Generate(int size, Func<int, int, (float R, float G, float B, float A)> pixel)
    {
        var texture = new RgbaTexture(size, size);
        Parallel.For(0, size, y =>
        {
            for (int x = 0; x < size; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                texture.Set(x, y, r, g, b, a);
            }
        });
        return texture;
    }

    private static byte ToByte(float value) => (byte)Math.Clamp((int)MathF.Round(value * 255f), 0, 255);
}
