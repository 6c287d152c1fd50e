using static GdpoRealtime.Demo.Scene.Textures.TextureNoise;

namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>
/// High-frequency test patterns, the content an upscaler most easily gets wrong: a chain-link mesh
/// (alpha-tested thin wires), a zone plate (every frequency and orientation up to the texel rate) and a
/// sheet of four regular patterns (herringbone parquet, line gratings, a halftone dot screen, chevrons),
/// one per horizontal band like the sign atlas. Edges are supersampled inside the texel so the texture
/// itself does not alias; what aliases is the render.
/// </summary>
public static class PatternTextures
{
    public const int Bands = 4;
    public const int Herringbone = 0;
    public const int Gratings = 1;
    public const int Halftone = 2;
    public const int Chevrons = 3;

    /// <summary>Chain-link fence: 16 diamonds per tile of wire a fortieth of a cell thick; alpha 0 in the holes.</summary>
    public static RgbaTexture ChainLink(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        const int cells = 16;
        float wire = MathF.Max(0.06f, 1.5f * cells / size); // at least a texel and a half wide, so mips keep the mesh
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        float a = Fraction((u + v) * cells), b = Fraction((u - v) * cells);
        float d = MathF.Min(MathF.Min(a, 1 - a), MathF.Min(b, 1 - b));
        float pixel = cells * 2f / size;
        float alpha = 1 - SmoothStep(wire - pixel, wire + pixel, d);
        float glint = 0.75f + 0.25f * (1 - d / wire) + 0.1f * (Random(x, y, 231) - 0.5f);
        return (0.62f * glint, 0.64f * glint, 0.66f * glint, alpha);
    });

    /// <summary>A circular zone plate: cos(k r^2) reaching a quarter of the texel rate at the rim, on a grey border.</summary>
    public static RgbaTexture ZonePlate(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        const int samples = 3;
        float sum = 0;
        for (int sy = 0; sy < samples; sy++)
            for (int sx = 0; sx < samples; sx++)
            {
                float u = (x + (sx + 0.5f) / samples) / size - 0.5f, v = (y + (sy + 0.5f) / samples) / size - 0.5f;
                float r2 = u * u + v * v;
                // Local frequency k r / pi cycles per unit; at r = 0.46 it is size / 4 cycles per tile.
                float k = MathF.PI * size / 4f / 0.46f;
                sum += r2 > 0.46f * 0.46f ? 0.5f : 0.5f + 0.45f * MathF.Cos(k * r2);
            }
        float c = sum / (samples * samples);
        return (c, c, c, 1f);
    });

    /// <summary>Four patterns stacked in bands (see the constants): each repeats several times across its band.</summary>
    public static RgbaTexture Sheet(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        float band = size / (float)Bands;
        int index = Math.Min(Bands - 1, (int)(y / band));
        const int samples = 2;
        float r = 0, g = 0, b = 0;
        for (int sy = 0; sy < samples; sy++)
            for (int sx = 0; sx < samples; sx++)
            {
                float u = (x + (sx + 0.5f) / samples) / size, v = (y + (sy + 0.5f) / samples - index * band) / band;
                var (cr, cg, cb) = index switch
                {
                    Herringbone => HerringboneAt(u, v),
                    Gratings => GratingsAt(u, v),
                    Halftone => HalftoneAt(u, v),
                    _ => ChevronsAt(u, v),
                };
                r += cr; g += cg; b += cb;
            }
        const float n = samples * samples;
        return (r / n, g / n, b / n, 1f);
    });

    // Parquet in a herringbone: planks at +-45 degrees, 24 across the band, with thin dark seams.
    private static (float, float, float) HerringboneAt(float u, float v)
    {
        float px = u * 24, py = v * 6;
        int column = (int)MathF.Floor(px + py);
        bool flip = (column & 1) == 0;
        float along = flip ? px - py : px + py;
        float across = Fraction(px + py);
        float plank = Fraction(along / 3);
        float seam = MathF.Min(MathF.Min(across, 1 - across), MathF.Min(plank, 1 - plank) * 3);
        int id = (int)MathF.Floor(along / 3) * 7 + column;
        float tone = 0.75f + 0.3f * Random(id, column, 241);
        float k = seam < 0.06f ? 0.35f : tone;
        return (0.62f * k, 0.42f * k, 0.24f * k);
    }

    // Black and white line gratings at four angles, each a quarter of the band, periods 6 to 3 texels at 512.
    private static (float, float, float) GratingsAt(float u, float v)
    {
        int quarter = Math.Min(3, (int)(u * 4));
        float angle = quarter * MathF.PI / 8 + 0.1f;
        float period = (6f - quarter) / 512f;
        float s = (u * MathF.Cos(angle) + v * 0.25f * MathF.Sin(angle)) / period;
        float c = Fraction(s) < 0.5f ? 0.08f : 0.92f;
        return (c, c, c * 0.96f);
    }

    // A halftone screen: dots on a 45-degree grid whose size follows a slow gradient (smooth and fine at once).
    private static (float, float, float) HalftoneAt(float u, float v)
    {
        const float cells = 64;
        float a = (u + v * 0.25f) * cells, b = (u - v * 0.25f) * cells;
        float da = Fraction(a) - 0.5f, db = Fraction(b) - 0.5f;
        float radius = 0.12f + 0.3f * (0.5f + 0.5f * MathF.Sin(2 * MathF.PI * u));
        bool dot = da * da + db * db < radius * radius;
        return dot ? (0.1f, 0.12f, 0.35f) : (0.95f, 0.92f, 0.82f);
    }

    // Chevrons: zig-zag stripes in red and white, 16 across the band.
    private static (float, float, float) ChevronsAt(float u, float v)
    {
        float zig = MathF.Abs(Fraction(u * 16) - 0.5f);
        bool red = Fraction(v * 3 + zig * 1.5f) < 0.5f;
        return red ? (0.75f, 0.1f, 0.08f) : (0.94f, 0.94f, 0.9f);
    }
}
