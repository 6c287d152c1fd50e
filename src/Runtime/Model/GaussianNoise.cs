namespace GdpoRealtime.Runtime.Model;

/// <summary>
/// The noise field's values: eps[c, y, x] is a standard normal number that depends only on the seed and its
/// position on the latent grid (a counter-based generator: SplitMix64 of the seed and the position, then
/// Box-Muller). So any window of the field can be made on its own, in plain C#: a tile of a huge image gets
/// exactly the values the whole image would, no field is ever held whole, and a backend that must not load
/// libtorch (vulkan-compute) makes the same field. Hand-written because no served package offers a
/// position-keyed Gaussian generator; eps is computed in double and rounded once to float, so every
/// platform gets the same values. The strength then scales that float in float arithmetic, exactly as a device
/// scales a stored window (strength * eps with both in float32): so one window per seed serves every strength, and a
/// context whose strength changes between frames gives the bytes a context made with that strength gives.
/// </summary>
public static class GaussianNoise
{
    /// <summary>The largest grid side (and channel count) the position key holds: 2^24 cells, 2^16 channels.</summary>
    public const int MaximumSide = 1 << 24;

    /// <summary>Fills <paramref name="destination"/> ([channels, height, width], row-major) with strength * eps of the window at (top, left).</summary>
    public static void Fill(Span<float> destination, long seed, double strength, int channels, int top, int left, int height, int width)
    {
        Check(destination.Length, channels, top, left, height, width);
        ulong key = SeedKey(seed);
        for (int row = 0; row < channels * height; row++)
            FillRow(destination.Slice(row * width, width), key, strength, row / height, top + row % height, left);
    }

    /// <summary>The window as a new array, rows made in parallel; see <see cref="Fill"/>.</summary>
    public static float[] Window(long seed, double strength, int channels, int top, int left, int height, int width)
    {
        var values = new float[checked(channels * height * width)];
        Check(values.Length, channels, top, left, height, width);
        ulong key = SeedKey(seed);
        Parallel.For(0, channels * height, row =>
            FillRow(values.AsSpan(row * width, width), key, strength, row / height, top + row % height, left));
        return values;
    }

    /// <summary>
    /// As <see cref="Fill"/>, rows made in parallel, into native memory of <paramref name="length"/> floats (a tensor's
    /// storage): a tile's window is made in place, with no managed array to collect per tile.
    /// </summary>
    public static unsafe void Fill(float* destination, long length, long seed, double strength, int channels, int top, int left, int height, int width)
    {
        Check(length, channels, top, left, height, width);
        ulong key = SeedKey(seed);
        nint start = (nint)destination;
        Parallel.For(0, channels * height, row =>
            FillRow(new Span<float>((float*)start + (long)row * width, width), key, strength, row / height, top + row % height, left));
    }

    private static void Check(long length, int channels, int top, int left, int height, int width)
    {
        if (channels is < 1 or > 1 << 16 || height < 1 || width < 1 || top < 0 || left < 0
            || (long)top + height > MaximumSide || (long)left + width > MaximumSide)
            throw new ArgumentOutOfRangeException(nameof(channels), $"Window {channels}x{height}x{width} at ({top}, {left}) is outside the noise field.");
        long count = (long)channels * height * width;
        if (length != count)
            throw new ArgumentException($"Destination holds {length} values, the window {count}.");
    }

    private static ulong SeedKey(long seed) => Mix(unchecked((ulong)seed) ^ 0x6E6F697365UL);

    private static void FillRow(Span<float> row, ulong seedKey, double strength, int channel, int y, int left)
    {
        ulong rowKey = ((ulong)channel << 48) | ((ulong)y << 24);
        float scale = (float)strength;
        for (int x = 0; x < row.Length; x++) row[x] = (float)Value(seedKey, rowKey | (uint)(left + x)) * scale;
    }

    /// <summary>One standard normal value for a position key.</summary>
    private static double Value(ulong seedKey, ulong position)
    {
        ulong first = Mix(seedKey ^ position);
        ulong second = Mix(first + 0x9E3779B97F4A7C15UL);
        double u1 = ((first >> 11) + 0.5) * (1.0 / (1UL << 53)); // (0, 1): the logarithm stays finite
        double u2 = (second >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>The SplitMix64 finaliser: a bijection of 64-bit values with full avalanche.</summary>
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
