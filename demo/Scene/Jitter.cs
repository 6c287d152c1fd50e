using System.Numerics;

namespace GdpoRealtime.Demo.Scene;

/// <summary>
/// Sub-pixel jitter of the low-res render, as FSR2 and DLSS use it: the Halton(2, 3) sequence, centred on
/// zero so each offset lies in [-0.5, 0.5) low-res pixels, repeating with a phase count of 8 x scale^2
/// (FSR2's ffxFsr2GetJitterPhaseCount), starting at Halton index 1.
/// </summary>
public static class Jitter
{
    /// <summary>The radical inverse of <paramref name="index"/> in <paramref name="radix"/>: Halton's sequence.</summary>
    public static double Halton(int index, int radix)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index));
        double result = 0, fraction = 1;
        while (index > 0)
        {
            fraction /= radix;
            result += fraction * (index % radix);
            index /= radix;
        }
        return result;
    }

    public static int PhaseCount(double scale) => (int)Math.Ceiling(8 * scale * scale);

    /// <summary>The jitter of frame <paramref name="frameIndex"/> in low-res pixels (x right, y down).</summary>
    public static Vector2 ForFrame(int frameIndex, double scale)
    {
        int phase = (int)(((long)frameIndex % PhaseCount(scale) + PhaseCount(scale)) % PhaseCount(scale)) + 1;
        return new Vector2((float)(Halton(phase, 2) - 0.5), (float)(Halton(phase, 3) - 0.5));
    }
}
