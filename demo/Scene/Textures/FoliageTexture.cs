using static GdpoRealtime.Demo.Scene.Textures.TextureNoise;

namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>
/// Leaves: small pointed ellipses in varied greens with a darker midrib. As a hedge they cover the whole
/// tile (wrapping at the borders so it tiles) over a dark, noisy base; as a tree crown card they cluster in
/// a ragged disc, denser towards the middle, with alpha 0 between them (alpha-tested).
/// </summary>
public static class FoliageTexture
{
    public static RgbaTexture Leaves(int size, bool opaque)
    {
        var texture = new RgbaTexture(size, size);
        if (opaque)
        {
            Parallel.For(0, size, y =>
            {
                for (int x = 0; x < size; x++)
                {
                    float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
                    float k = 0.5f + 0.6f * Fbm(u, v, 16, 16, 4, 91);
                    texture.Set(x, y, 0.06f * k, 0.16f * k, 0.05f * k);
                }
            });
        }
        uint seed = opaque ? 93u : 92u;
        int count = opaque ? 2200 : 3200; // leaf sizes scale with the tile, so the count does not depend on it
        for (int leaf = 0; leaf < count; leaf++)
        {
            float cx = Random(leaf, 0, seed) * size, cy = Random(leaf, 1, seed) * size;
            if (!opaque)
            {
                // A crown: polar placement, radius shrunk towards the centre, ragged outline.
                float angle0 = Random(leaf, 0, seed) * MathF.PI * 2;
                float radius = 0.46f * MathF.Sqrt(Random(leaf, 1, seed)) * (0.8f + 0.2f * Random(leaf, 8, seed));
                cx = size * (0.5f + radius * MathF.Cos(angle0));
                cy = size * (0.5f + radius * MathF.Sin(angle0));
            }
            float angle = Random(leaf, 2, seed) * MathF.PI * 2;
            float length = size * (0.018f + 0.02f * Random(leaf, 3, seed));
            float width = length * (0.32f + 0.12f * Random(leaf, 4, seed));
            float green = Random(leaf, 5, seed);
            var colour = (R: 0.12f + 0.16f * green, G: 0.3f + 0.28f * green, B: 0.06f + 0.1f * Random(leaf, 6, seed));
            if (Random(leaf, 7, seed) < 0.08f) colour = (0.45f, 0.42f, 0.12f); // a few yellowing leaves
            DrawLeaf(texture, cx, cy, angle, length, width, colour);
        }
        return texture;
    }

    /// <summary>
    /// A grass tuft card: several hundred thin tapering blades rising from the bottom edge, leaning and
    /// curving, in varied greens, alpha 0 between them (alpha-tested; thin geometry-like detail in a texture).
    /// </summary>
    public static RgbaTexture Grass(int size)
    {
        var texture = new RgbaTexture(size, size);
        const uint seed = 94;
        const int blades = 420; // blade sizes scale with the tile, so the count does not depend on it
        for (int blade = 0; blade < blades; blade++)
        {
            float baseX = Random(blade, 0, seed) * size;
            float height = size * (0.35f + 0.6f * Random(blade, 1, seed));
            float lean = (Random(blade, 2, seed) - 0.5f) * 0.7f * height;
            float width = size * (0.006f + 0.008f * Random(blade, 3, seed));
            float green = Random(blade, 4, seed);
            var colour = (R: 0.16f + 0.18f * green, G: 0.34f + 0.3f * green, B: 0.06f + 0.06f * green);
            if (Random(blade, 5, seed) < 0.15f) colour = (0.52f, 0.5f, 0.2f); // dry blades
            int steps = (int)height;
            for (int step = 0; step <= steps; step++)
            {
                float t = step / (float)steps;
                float cx = baseX + lean * t * t, cy = size - 1 - t * height;
                float half = width * (1 - t) * 0.5f + 0.35f;
                float light = 0.65f + 0.45f * t;
                for (int x = (int)MathF.Floor(cx - half); x <= (int)MathF.Ceiling(cx + half); x++)
                {
                    if (MathF.Abs(x + 0.5f - cx) > half || cy < 0) continue;
                    texture.Set(Wrap(x, size), (int)cy, colour.R * light, colour.G * light, colour.B * light, 1f);
                }
            }
        }
        return texture;
    }

    private static void DrawLeaf(RgbaTexture texture, float cx, float cy, float angle, float length, float width, (float R, float G, float B) colour)
    {
        int size = texture.Width;
        float cos = MathF.Cos(angle), sin = MathF.Sin(angle);
        int reach = (int)MathF.Ceiling(length / 2 + 1);
        for (int dy = -reach; dy <= reach; dy++)
            for (int dx = -reach; dx <= reach; dx++)
            {
                float px = MathF.Floor(cx) + dx + 0.5f - cx, py = MathF.Floor(cy) + dy + 0.5f - cy;
                float along = px * cos + py * sin, across = -px * sin + py * cos;
                float s = along / length + 0.5f;
                if (s <= 0 || s >= 1) continue;
                float half = width * 0.5f * MathF.Sin(MathF.PI * s);
                if (MathF.Abs(across) > half) continue;
                float light = 0.8f + 0.35f * (across / MathF.Max(half, 1e-3f)) * 0.5f + 0.1f * s;
                if (MathF.Abs(across) < MathF.Max(0.6f, width * 0.06f)) light *= 0.7f; // midrib
                int x = Wrap((int)MathF.Floor(cx) + dx, size), y = Wrap((int)MathF.Floor(cy) + dy, size);
                texture.Set(x, y, colour.R * light, colour.G * light, colour.B * light, 1f);
            }
    }
}
