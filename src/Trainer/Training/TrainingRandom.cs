namespace GdpoRealtime.Trainer.Training;

/// <summary>
/// The trainer's source of randomness for sampling crops and kernels: SplitMix64, whose whole state is one
/// 64-bit number that goes into every training checkpoint, so a resumed run draws exactly what the killed
/// one would have. Hand-written because System.Random cannot export or restore its state.
/// </summary>
public sealed class TrainingRandom
{
    public TrainingRandom(ulong state) => State = state;

    public ulong State { get; set; }

    public ulong NextUInt64()
    {
        ulong z = State += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A seed for a torch generator.</summary>
    public ulong NextSeed() => NextUInt64();

    /// <summary>An independent stream derived from this one (for a second consumer that must not shift the first).</summary>
    public TrainingRandom Fork() => new(NextUInt64());
}
