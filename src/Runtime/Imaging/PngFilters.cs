namespace GdpoRealtime.Runtime.Imaging;

/// <summary>The five PNG row filters (specification section 9) for 3-byte pixels, and the libpng choice among them.</summary>
internal static class PngFilters
{
    private const int Bpp = 3;

    /// <summary>
    /// The filtered row (filter byte first) with the smallest sum of absolute values as signed bytes, written into one
    /// of <paramref name="scratch"/>'s five buffers. <paramref name="previous"/> is null for the first row (all zero).
    /// </summary>
    public static ReadOnlySpan<byte> Best(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, byte[][] scratch)
    {
        bool first = previous.IsEmpty;
        int best = 0;
        long bestSum = long.MaxValue;
        for (int type = 0; type < 5; type++)
        {
            if (first && type == 2) continue; // Up of a first row is None
            long sum = Apply(type, row, previous, scratch[type]);
            if (sum < bestSum)
            {
                bestSum = sum;
                best = type;
            }
        }
        return scratch[best];
    }

    /// <summary>Writes filter <paramref name="type"/> of <paramref name="row"/> into <paramref name="target"/> (type byte first); returns its sum of |signed bytes|.</summary>
    public static long Apply(int type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, Span<byte> target)
    {
        target[0] = (byte)type;
        var output = target[1..];
        long sum = 0;
        for (int i = 0; i < row.Length; i++)
        {
            int left = i >= Bpp ? row[i - Bpp] : 0;
            int up = previous.IsEmpty ? 0 : previous[i];
            int upLeft = i >= Bpp && !previous.IsEmpty ? previous[i - Bpp] : 0;
            int predicted = type switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) >> 1,
                _ => Paeth(left, up, upLeft),
            };
            byte value = (byte)(row[i] - predicted);
            output[i] = value;
            sum += value < 128 ? value : 256 - value;
        }
        return sum;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
