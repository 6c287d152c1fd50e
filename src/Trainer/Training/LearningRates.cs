using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Trainer.Training;

/// <summary>Checks of numeric training settings made before any work, so that no value reaches libtorch that it cannot hold.</summary>
public static class LearningRates
{
    /// <summary>
    /// The largest learning rate accepted. AdamW's first step moves a weight by lr / (1 - beta1) = 10 lr, computed in
    /// float32 (at most 3.4e38): beyond about 3e37 libtorch fails converting it. A rate far above 1 diverges anyway, and
    /// the run then stops with the reason; accepting up to 1e30 leaves room to force a divergence on purpose.
    /// </summary>
    public const double Maximum = 1e30;

    public static void Check(string name, double value)
    {
        if (!(value > 0) || value > Maximum)
            throw new InvalidSettingException($"The {name} {value} is outside (0, {Maximum:0E+0}]",
                "Use a positive learning rate such as 1e-3 (stage 1) or 2e-5 (GDPO).");
    }

    public static void RequireFinite(params (string Name, double Value)[] settings)
    {
        foreach (var (name, value) in settings)
            if (!double.IsFinite(value))
                throw new InvalidSettingException($"The {name} is {value}, not a finite number", $"Give the {name} a finite value.");
    }
}
