using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Training.Runs;

/// <summary>What one optimizer step did: its metrics and, when it was not applied, the terms that were not finite.</summary>
public sealed record StepOutcome(IReadOnlyDictionary<string, double> Values, IReadOnlyList<string> NonFiniteTerms)
{
    /// <summary>True when the update was made; false when a loss term or gradient norm was not finite (twice).</summary>
    public bool Applied => NonFiniteTerms.Count == 0;

    public double this[string name] => Values[name];
}

/// <summary>
/// Applies an optimizer step only when every loss term and gradient norm it reports is finite, as large-scale
/// trainers skip steps whose gradients overflow (Megatron-LM, DeepSpeed). A non-finite attempt is discarded
/// (gradients cleared; the weights and optimizer state are untouched because nothing was applied) and tried
/// once more on the same batch and noises: an error that does not repeat (a machine that computes
/// irreproducibly) costs nothing, one that repeats skips the step. <see cref="TrainingRun"/> counts skipped
/// steps and stops a run whose steps keep failing.
/// </summary>
public static class GuardedStep
{
    /// <summary>Metric set to 1 when a step succeeded on its second attempt.</summary>
    public const string RetriedKey = "retried";

    /// <param name="computeGradients">Runs the forward and backward passes and returns the step's metrics: every loss term and gradient norm.</param>
    /// <param name="apply">Applies the computed gradients (the optimizer steps).</param>
    /// <param name="discard">Clears the gradients and restores anything an attempt changed outside the optimizer.</param>
    public static StepOutcome Run(Func<SortedDictionary<string, double>> computeGradients, Action apply, Action discard)
    {
        const int attempts = 2;
        for (int attempt = 1; ; attempt++)
        {
            var values = computeGradients();
            var nonFinite = values.Where(v => !double.IsFinite(v.Value)).Select(v => v.Key).ToList();
            if (nonFinite.Count == 0)
            {
                apply();
                if (attempt > 1) values[RetriedKey] = 1;
                return new StepOutcome(values, Array.Empty<string>());
            }
            discard();
            if (attempt == attempts) return new StepOutcome(values, nonFinite);
        }
    }

    /// <summary>The L2 norm of all gradients of <paramref name="parameters"/>, unclipped (parameters without a gradient count as zero).</summary>
    public static double GradientNorm(IEnumerable<Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        var squares = parameters.Select(p => p.grad).OfType<Tensor>().Select(g => g.detach().to(ScalarType.Float64).square().sum()).ToList();
        return squares.Count == 0 ? 0 : Math.Sqrt(stack(squares).sum().item<double>());
    }
}
