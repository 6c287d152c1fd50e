namespace GdpoRealtime.Runtime.Imaging;

/// <summary>The five PNG row filters (specification section 9) for 3-byte pixels, and the libpng choice among them.</summary>
internal static class PngFilters
{
    private const int Bpp = 3;

    /// <summary>
    /// The filtered row (filter byte first) with the smallest sum of absolute values as signed bytes, written into one
    /// of <paramref name="scratch"/>'s five buffers. <paramref name="previous"/> is empty for the first row (all zero).
    /// All five filters are computed in one pass over the row: this is most of the encoder's time.
    /// </summary>
    public static unsafe ReadOnlySpan<byte> Best(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, byte[][] scratch)
    {
        int n = row.Length;
        if (!previous.IsEmpty && previous.Length != n) throw new ArgumentException("Rows differ in length.", nameof(previous));
        if (scratch.Length != 5 || scratch.Any(s => s.Length != n + 1)) throw new ArgumentException("Five buffers of a row and its filter byte are needed.", nameof(scratch));
        Span<long> sums = stackalloc long[5];
        var zeros = previous.IsEmpty ? new byte[n] : null;
        fixed (byte* r = row, pr = previous.IsEmpty ? zeros : previous,
               none = scratch[0], sub = scratch[1], up = scratch[2], average = scratch[3], paeth = scratch[4])
        {
            long sNone = 0, sSub = 0, sUp = 0, sAverage = 0, sPaeth = 0;
            for (int i = 0; i < n; i++)
            {
                int x = r[i], a = i >= Bpp ? r[i - Bpp] : 0, b = pr[i], c = i >= Bpp ? pr[i - Bpp] : 0;
                int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                int predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                byte vNone = (byte)x, vSub = (byte)(x - a), vUp = (byte)(x - b), vAverage = (byte)(x - ((a + b) >> 1)), vPaeth = (byte)(x - predicted);
                none[i + 1] = vNone;
                sub[i + 1] = vSub;
                up[i + 1] = vUp;
                average[i + 1] = vAverage;
                paeth[i + 1] = vPaeth;
                sNone += Magnitude(vNone);
                sSub += Magnitude(vSub);
                sUp += Magnitude(vUp);
                sAverage += Magnitude(vAverage);
                sPaeth += Magnitude(vPaeth);
            }
            sums[0] = sNone;
            sums[1] = sSub;
            sums[2] = sUp;
            sums[3] = sAverage;
            sums[4] = sPaeth;
        }
        int best = 0;
        for (int type = 1; type < 5; type++)
            if (sums[type] < sums[best]) best = type;
        scratch[best][0] = (byte)best;
        return scratch[best];
    }

    /// <summary>|value| with the byte read as signed: the heuristic's cost of a filtered byte.</summary>
    private static int Magnitude(byte value) => value < 128 ? value : 256 - value;
}
