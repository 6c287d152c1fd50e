using static GdpoRealtime.Demo.Scene.Textures.TextureNoise;

namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>
/// Surfaces of the corridor, the yard and the street: ceramic floor tiles (a regular grid of thin grout
/// lines, the kind of pattern that moires at a distance), board-marked concrete (low contrast, fine
/// speckle) and corrugated sheet metal (a dense sinusoidal ridge that aliases at grazing angles).
/// Tileable, sRGB, every texel a pure function of its position and a fixed seed.
/// </summary>
public static class BuildingTextures
{
    /// <summary>Square floor tiles, 8 x 8 per tile, two glazes in a checker with per-tile tone, thin grey grout.</summary>
    public static RgbaTexture Tiles(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        const int tiles = 8;
        const float grout = 0.035f; // grout half-width as a fraction of one tile
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        int i = (int)(u * tiles), j = (int)(v * tiles);
        float fu = u * tiles - i, fv = v * tiles - j;
        float edge = MathF.Min(MathF.Min(fu, 1 - fu), MathF.Min(fv, 1 - fv));
        float dirt = Fbm(u, v, 16, 16, 3, 201);
        if (edge < grout)
        {
            float g = 0.42f + 0.15f * (dirt - 0.5f);
            return (g, g * 0.98f, g * 0.94f, 1f);
        }
        bool dark = ((i + j) & 1) == 1;
        float tone = 0.92f + 0.12f * Random(i, j, 202);
        float bevel = 0.9f + 0.1f * SmoothStep(grout, grout * 3, edge);
        float glaze = 0.96f + 0.06f * Fbm(u, v, 64, 64, 2, 203);
        float k = tone * bevel * glaze;
        var (r, g2, b) = dark ? (0.25f, 0.32f, 0.36f) : (0.86f, 0.84f, 0.78f);
        return (r * k, g2 * k, b * k, 1f);
    });

    /// <summary>Board-formed concrete: grey with mottling, aggregate speckle, faint board joints and tie holes.</summary>
    public static RgbaTexture Concrete(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        const int boards = 4;
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        float mottle = Fbm(u, v, 8, 8, 5, 211);
        float speckle = Random(x, y, 212);
        float k = 0.82f + 0.3f * (mottle - 0.5f);
        if (speckle < 0.06f) k *= 0.72f;
        else if (speckle > 0.97f) k *= 1.12f;
        float fv = Fraction(v * boards);
        float joint = MathF.Min(fv, 1 - fv) * boards * size; // texels from the nearest board joint
        if (joint < 1.2f) k *= 0.78f;
        float hu = Fraction(u * 3) - 0.5f, hv = Fraction(v * boards) - 0.5f;
        if (hu * hu * 9 + hv * hv * boards * boards < 0.0015f * 9) k *= 0.6f; // tie holes
        return (0.6f * k, 0.6f * k, 0.58f * k, 1f);
    });

    /// <summary>Corrugated sheet metal: 32 ridges per tile along u, painted, with rust streaks running down.</summary>
    public static RgbaTexture Corrugated(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        const int ridges = 32;
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        float ridge = 0.5f + 0.5f * MathF.Sin(2 * MathF.PI * u * ridges);
        float shade = 0.62f + 0.38f * ridge;
        float streak = SmoothStep(0.58f, 0.78f, Fbm(u, v * 0.25f, 48, 2, 3, 221) * (0.6f + 0.6f * v));
        float paint = 0.9f + 0.1f * Fbm(u, v, 8, 8, 3, 222);
        // Neutral grey paint, so a tint gives each container its colour; rust streaks stay brown.
        float r = Lerp(0.55f, 0.45f, streak), g = Lerp(0.56f, 0.24f, streak), b = Lerp(0.58f, 0.12f, streak);
        float k = shade * paint;
        return (r * k, g * k, b * k, 1f);
    });
}
