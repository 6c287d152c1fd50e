namespace GdpoRealtime.Runtime.Model;

/// <summary>
/// The DDPM noise schedule of Stable Diffusion: T = 1000 steps of "scaled linear" betas between
/// 0.00085 and 0.012, and the cumulative products abar_t = prod_{s &lt;= t} (1 - beta_s).
/// Timesteps are 0-based as in the reference code (abar_100 = 0.89422, abar_250 = 0.67379).
/// </summary>
public sealed class DiffusionSchedule
{
    public const int DefaultSteps = 1000;
    public const double DefaultBetaStart = 0.00085;
    public const double DefaultBetaEnd = 0.012;

    private readonly double[] _alphaBar;

    public DiffusionSchedule(int steps = DefaultSteps, double betaStart = DefaultBetaStart, double betaEnd = DefaultBetaEnd)
    {
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), "A schedule needs at least two steps.");
        if (!(betaStart > 0 && betaEnd > betaStart && betaEnd < 1))
            throw new ArgumentOutOfRangeException(nameof(betaEnd), "Betas must satisfy 0 < start < end < 1.");
        Steps = steps;
        BetaStart = betaStart;
        BetaEnd = betaEnd;
        _alphaBar = new double[steps];
        double sqrtStart = Math.Sqrt(betaStart), sqrtEnd = Math.Sqrt(betaEnd), product = 1.0;
        for (int t = 0; t < steps; t++)
        {
            double root = sqrtStart + t / (double)(steps - 1) * (sqrtEnd - sqrtStart);
            product *= 1.0 - root * root;
            _alphaBar[t] = product;
        }
    }

    /// <summary>The schedule Stable Diffusion was trained with.</summary>
    public static DiffusionSchedule StableDiffusion { get; } = new();

    public int Steps { get; }
    public double BetaStart { get; }
    public double BetaEnd { get; }

    /// <summary>abar_t, the fraction of signal variance left at timestep t.</summary>
    public double AlphaBar(int t)
    {
        if ((uint)t >= (uint)Steps)
            throw new ArgumentOutOfRangeException(nameof(t), $"Timestep {t} is outside [0, {Steps - 1}].");
        return _alphaBar[t];
    }

    /// <summary>sqrt(abar_t): the signal coefficient at t.</summary>
    public double SignalScale(int t) => Math.Sqrt(AlphaBar(t));

    /// <summary>sqrt(1 - abar_t): the noise coefficient at t.</summary>
    public double NoiseScale(int t) => Math.Sqrt(1.0 - AlphaBar(t));
}
