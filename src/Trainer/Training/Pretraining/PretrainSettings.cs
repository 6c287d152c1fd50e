using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Trainer.Training.Pretraining;

/// <summary>Stage 1: what the noise-aware model is pretrained with.</summary>
public sealed record PretrainSettings
{
    public int Steps { get; init; } = 3000;
    public int BatchSize { get; init; } = 16;

    /// <summary>Side of the square training crops, in low-res pixels.</summary>
    public int LowResCrop { get; init; } = 32;

    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Weight of the finite-difference loss next to L1.</summary>
    public double GradientWeight { get; init; } = 0.5;

    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Each training crop draws its noise strength uniformly from [<see cref="NoiseStrengthMin"/>, <see cref="NoiseStrengthMax"/>],
    /// so every setting of the product's noise knob is one the network has seen.
    /// </summary>
    public double NoiseStrengthMin { get; init; }

    public double NoiseStrengthMax { get; init; } = 1.0;

    public void Validate()
    {
        if (Steps <= 0 || BatchSize <= 0 || LowResCrop < 8 || !(LearningRate > 0) || WeightDecay < 0 || GradientWeight < 0 || NoiseStrengthMin < 0 || NoiseStrengthMax > 1 || NoiseStrengthMin > NoiseStrengthMax)
            throw new InvalidSettingException(
                $"Pretraining settings are out of range (steps {Steps}, batch {BatchSize}, crop {LowResCrop}, lr {LearningRate})",
                "Use positive steps, batch and learning rate, and a crop of at least 8.");
    }
}
