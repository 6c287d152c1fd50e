using static GdpoRealtime.Demo.Scene.Textures.TextureNoise;

namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>
/// The scene's textures, generated from code so nothing is downloaded: each one a tileable pattern chosen
/// to stress an upscaler (fine repeating detail, thin lines, hard edges at all angles), plus flat and
/// smooth ones. Colours are sRGB in [0, 1]. Every texel is a pure function of its position and a fixed seed.
/// </summary>
public static class ProceduralTextures
{
    public static RgbaTexture For(TextureSlot slot, int size) => slot switch
    {
        TextureSlot.White => RgbaTexture.Generate(size, (_, _) => (1f, 1f, 1f, 1f)),
        TextureSlot.Bricks => Bricks(size),
        TextureSlot.Paving => Paving(size),
        TextureSlot.Grate => Grate(size),
        TextureSlot.Fabric => Fabric(size),
        TextureSlot.Leaves => FoliageTexture.Leaves(size, opaque: false),
        TextureSlot.Hedge => FoliageTexture.Leaves(size, opaque: true),
        TextureSlot.Signs => SignAtlas.Draw(size),
        TextureSlot.Star => SiemensStar(size),
        TextureSlot.Checker => Checker(size),
        TextureSlot.Plaster => Plaster(size),
        TextureSlot.Wood => Wood(size),
        TextureSlot.Stripes => Stripes(size),
        TextureSlot.Metal => Metal(size),
        TextureSlot.Bark => Bark(size),
        TextureSlot.ChainLink => PatternTextures.ChainLink(size),
        TextureSlot.Grass => FoliageTexture.Grass(size),
        TextureSlot.Tiles => BuildingTextures.Tiles(size),
        TextureSlot.Concrete => BuildingTextures.Concrete(size),
        TextureSlot.Corrugated => BuildingTextures.Corrugated(size),
        TextureSlot.Patterns => PatternTextures.Sheet(size),
        TextureSlot.ZonePlate => PatternTextures.ZonePlate(size),
        TextureSlot.StreetSigns => StreetSignAtlas.Draw(size, StreetSignAtlas.Street),
        TextureSlot.HarbourSigns => StreetSignAtlas.Draw(size, StreetSignAtlas.Harbour),
        _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, null),
    };

    /// <summary>Running-bond brickwork: 16 courses of 6 bricks per tile, thin mortar joints, per-brick colour.</summary>
    public static RgbaTexture Bricks(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        const int rows = 16, perRow = 6;
        const float joint = 0.0055f; // mortar thickness as a fraction of the tile
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        int row = (int)(v * rows);
        float fv = v * rows - row;
        float bu = u * perRow + (row % 2) * 0.5f;
        int column = (int)MathF.Floor(bu);
        float fu = bu - column;
        column = Wrap(column, perRow);
        float edgeV = MathF.Min(fv, 1 - fv) / (joint * rows), edgeU = MathF.Min(fu, 1 - fu) / (joint * perRow);
        float edge = MathF.Min(edgeU, edgeV);
        float grain = Fbm(u, v, 64, 64, 3, 11);
        if (edge < 0.5f)
        {
            float m = 0.68f + 0.12f * (grain - 0.5f);
            return (m, m * 0.97f, m * 0.9f, 1f);
        }
        float tone = 0.8f + 0.35f * Random(column, row, 7);
        float burnt = Random(column, row, 8) < 0.12f ? 0.6f : 1f;
        float shade = 0.82f + 0.18f * SmoothStep(0.5f, 2.5f, edge);
        float speckle = Random(x, y, 9) < 0.04f ? 0.75f : 1f;
        float k = tone * burnt * shade * speckle * (0.85f + 0.3f * grain);
        return (0.62f * k, 0.29f * k, 0.19f * k, 1f);
    });

    /// <summary>Cobbled paving: 8 rows of 8 rounded stones per tile, offset rows, dark gaps.</summary>
    public static RgbaTexture Paving(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        const int rows = 8, perRow = 8;
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        int row = (int)(v * rows);
        float fv = v * rows - row;
        float su = u * perRow + (row % 2) * 0.5f;
        int column = (int)MathF.Floor(su);
        float fu = su - column;
        column = Wrap(column, perRow);
        // Rounded-rectangle distance inside the stone's cell, in cell units.
        float dx = MathF.Max(MathF.Abs(fu - 0.5f) - 0.3f, 0), dy = MathF.Max(MathF.Abs(fv - 0.5f) - 0.3f, 0);
        float corner = MathF.Sqrt(dx * dx + dy * dy);
        float noise = Fbm(u, v, 32, 32, 4, 21);
        float inside = 1 - SmoothStep(0.1f, 0.16f, corner + 0.04f * (noise - 0.5f));
        float tone = 0.75f + 0.4f * Random(column, row, 22);
        float surface = tone * (0.8f + 0.35f * Fbm(u, v, 128, 128, 2, 23)) * (0.85f + 0.15f * (1 - corner * 5));
        float r = Lerp(0.16f, 0.56f * surface, inside), g = Lerp(0.15f, 0.53f * surface, inside), b = Lerp(0.13f, 0.49f * surface, inside);
        return (r, g, b, 1f);
    });

    /// <summary>Expanded-metal grating: a diagonal lattice of thin bars with holes (alpha 0), 24 cells per tile.</summary>
    public static RgbaTexture Grate(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        const int cells = 24;
        const float halfBar = 0.13f;
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        float a = Fraction((u + v) * cells), b = Fraction((u - v) * cells);
        float da = MathF.Min(a, 1 - a), db = MathF.Min(b, 1 - b);
        float d = MathF.Min(da, db);
        float pixel = cells * 2f / size; // one texel in lattice units (the lattice runs diagonally)
        float alpha = 1 - SmoothStep(halfBar - pixel, halfBar + pixel, d);
        float rust = SmoothStep(0.55f, 0.75f, Fbm(u, v, 8, 8, 4, 31));
        float ridge = 0.75f + 0.25f * (1 - d / halfBar);
        float r = Lerp(0.5f, 0.48f, rust) * ridge, g = Lerp(0.52f, 0.3f, rust) * ridge, bl = Lerp(0.56f, 0.17f, rust) * ridge;
        return (r, g, bl, alpha);
    });

    /// <summary>Twill-woven cloth: 96 threads per tile, striped warp over a dark weft, each thread shaded round.</summary>
    public static RgbaTexture Fabric(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        const int threads = 96;
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        float tu = u * threads, tv = v * threads;
        int i = (int)tu, j = (int)tv;
        float fu = tu - i, fv = tv - j;
        bool warpOnTop = ((i + j) & 3) < 2;
        (float R, float G, float B)[] stripes = { (0.7f, 0.1f, 0.12f), (0.9f, 0.85f, 0.72f), (0.12f, 0.18f, 0.45f), (0.9f, 0.85f, 0.72f) };
        var warp = stripes[(i / 6) % stripes.Length];
        var weft = (R: 0.16f, G: 0.2f, B: 0.32f);
        float across = warpOnTop ? fu : fv;
        float round = 0.62f + 0.38f * MathF.Sin(MathF.PI * across);
        float fuzz = 0.92f + 0.16f * Random(x, y, 41);
        var c = warpOnTop ? warp : weft;
        float k = round * fuzz;
        return (c.R * k, c.G * k, c.B * k, 1f);
    });

    /// <summary>A Siemens star: 36 black and white spokes (edges at every angle, frequency rising to the centre) on a white board.</summary>
    public static RgbaTexture SiemensStar(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        const int spokes = 36, samples = 4;
        float sum = 0;
        for (int sy = 0; sy < samples; sy++)
            for (int sx = 0; sx < samples; sx++)
            {
                float u = (x + (sx + 0.5f) / samples) / size - 0.5f, v = (y + (sy + 0.5f) / samples) / size - 0.5f;
                float r = MathF.Sqrt(u * u + v * v);
                float value;
                if (r > 0.47f) value = 0.92f;
                else if (r > 0.44f) value = 0.05f;
                else if (r < 0.015f) value = 0.5f;
                else
                {
                    float angle = MathF.Atan2(v, u) / (2 * MathF.PI) + 0.5f;
                    value = ((int)(angle * spokes) & 1) == 0 ? 0.05f : 0.92f;
                }
                sum += value;
            }
        float c = sum / (samples * samples);
        return (c, c, c, 1f);
    });

    /// <summary>A black and white checkerboard, 8 x 8 squares per tile.</summary>
    public static RgbaTexture Checker(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        int cx = x * 8 / size, cy = y * 8 / size;
        float c = ((cx + cy) & 1) == 0 ? 0.06f : 0.9f;
        return (c, c, c * 0.97f, 1f);
    });

    /// <summary>Painted plaster: almost flat, with a faint low-frequency mottling and grain (flat walls, smooth gradients).</summary>
    public static RgbaTexture Plaster(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        float k = 1 + 0.05f * (Fbm(u, v, 4, 4, 3, 51) - 0.5f) + 0.015f * (Random(x, y, 52) - 0.5f);
        return (0.86f * k, 0.82f * k, 0.74f * k, 1f);
    });

    /// <summary>Horizontal wooden planks: six per tile, grain along the plank, dark seams and nails.</summary>
    public static RgbaTexture Wood(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        const int planks = 6;
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        int plank = (int)(v * planks);
        float fv = v * planks - plank;
        float grain = Fbm(u + 0.37f * plank, v, 2, 96, 4, 61 + (uint)plank);
        float rings = 0.5f + 0.5f * MathF.Sin(grain * 40f);
        float seam = SmoothStep(0f, 0.04f, MathF.Min(fv, 1 - fv));
        float nailU = Fraction(u * 2 + 0.25f) - 0.5f, nailV = fv - 0.5f;
        float nail = nailU * nailU * 64 + nailV * nailV * 16 < 0.02f ? 0.35f : 1f;
        float k = (0.72f + 0.28f * rings) * (0.88f + 0.24f * Random(plank, 0, 62)) * (0.25f + 0.75f * seam) * nail;
        return (0.6f * k, 0.42f * k, 0.25f * k, 1f);
    });

    /// <summary>Diagonal hazard stripes, 8 per tile, with wear.</summary>
    public static RgbaTexture Stripes(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        bool yellow = Fraction((u + v) * 4) < 0.5f;
        float wear = SmoothStep(0.6f, 0.8f, Fbm(u, v, 16, 16, 4, 71)) * 0.6f;
        var (r, g, b) = yellow ? (0.95f, 0.74f, 0.05f) : (0.06f, 0.06f, 0.06f);
        return (Lerp(r, 0.45f, wear), Lerp(g, 0.43f, wear), Lerp(b, 0.4f, wear), 1f);
    });

    /// <summary>Bark: dark furrows running along v (up a trunk or pole), rough ridges between them.</summary>
    public static RgbaTexture Bark(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        float furrow = Fbm(u, v, 24, 3, 4, 101);
        float ridge = SmoothStep(0.35f, 0.6f, furrow);
        float k = (0.35f + 0.65f * ridge) * (0.85f + 0.3f * Fbm(u, v, 64, 64, 2, 102));
        return (0.42f * k, 0.31f * k, 0.22f * k, 1f);
    });

    /// <summary>Brushed metal: fine streaks along u.</summary>
    public static RgbaTexture Metal(int size) => RgbaTexture.Generate(size, (x, y) =>
    {
        float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
        float k = 0.82f + 0.25f * Fbm(u, v, 2, 128, 3, 81);
        return (0.62f * k, 0.64f * k, 0.67f * k, 1f);
    });
}
