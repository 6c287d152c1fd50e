namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>
/// Deterministic hashing and tileable value noise for the procedural textures. Every function is periodic
/// in its lattice period, so textures built from them repeat without seams.
/// </summary>
public static class TextureNoise
{
    /// <summary>A well-mixed 32-bit hash of two integers and a seed (a variant of the lowbias32 finaliser).</summary>
    public static uint Hash(int x, int y, uint seed)
    {
        uint h = seed ^ 0x9E3779B9u;
        h ^= (uint)x * 0x85EBCA6Bu;
        h = (h ^ (h >> 16)) * 0x7FEB352Du;
        h ^= (uint)y * 0xC2B2AE35u;
        h = (h ^ (h >> 15)) * 0x846CA68Bu;
        return h ^ (h >> 16);
    }

    /// <summary>A uniform value in [0, 1) for an integer cell.</summary>
    public static float Random(int x, int y, uint seed) => (Hash(x, y, seed) >> 8) / 16777216f;

    /// <summary>Smoothly interpolated lattice noise in [0, 1], periodic with <paramref name="periodX"/> x <paramref name="periodY"/> cells.</summary>
    public static float Value(float x, float y, int periodX, int periodY, uint seed)
    {
        int x0 = (int)MathF.Floor(x), y0 = (int)MathF.Floor(y);
        float fx = x - x0, fy = y - y0;
        fx = fx * fx * (3 - 2 * fx);
        fy = fy * fy * (3 - 2 * fy);
        int ax = Wrap(x0, periodX), bx = Wrap(x0 + 1, periodX), ay = Wrap(y0, periodY), by = Wrap(y0 + 1, periodY);
        float top = Lerp(Random(ax, ay, seed), Random(bx, ay, seed), fx);
        float bottom = Lerp(Random(ax, by, seed), Random(bx, by, seed), fx);
        return Lerp(top, bottom, fy);
    }

    /// <summary>
    /// Fractal sum of <paramref name="octaves"/> octaves of value noise at texture coordinates u, v in [0, 1),
    /// starting at <paramref name="cellsX"/> x <paramref name="cellsY"/> cells per tile; result in about [0, 1].
    /// </summary>
    public static float Fbm(float u, float v, int cellsX, int cellsY, int octaves, uint seed)
    {
        float sum = 0, amplitude = 0.5f, total = 0;
        for (int octave = 0; octave < octaves; octave++)
        {
            sum += amplitude * Value(u * cellsX, v * cellsY, cellsX, cellsY, seed + (uint)octave * 101u);
            total += amplitude;
            amplitude *= 0.5f;
            cellsX *= 2;
            cellsY *= 2;
        }
        return sum / total;
    }

    public static float Lerp(float a, float b, float t) => a + (b - a) * t;

    public static float SmoothStep(float edge0, float edge1, float x)
    {
        float t = Math.Clamp((x - edge0) / (edge1 - edge0), 0f, 1f);
        return t * t * (3 - 2 * t);
    }

    public static float Fraction(float x) => x - MathF.Floor(x);

    public static int Wrap(int value, int period) => ((value % period) + period) % period;
}
