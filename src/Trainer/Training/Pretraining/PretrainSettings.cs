using System.Text.Json;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Trainer.Training.Pretraining;

/// <summary>Stage 1: what the noise-aware model is pretrained with.</summary>
public sealed record PretrainSettings
{
    public int Steps { get; init; } = 1500;
    public int BatchSize { get; init; } = 16;

    /// <summary>Side of the square training crops, in low-res pixels.</summary>
    public int LowResCrop { get; init; } = 32;

    /// <summary>Peak learning rate of the generator (linear warm-up, then cosine decay to 5%).</summary>
    public double LearningRate { get; init; } = 1e-3;

    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Weight of the finite-difference loss next to L1.</summary>
    public double GradientWeight { get; init; } = 0.5;

    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Each training crop draws its noise strength uniformly from [<see cref="NoiseStrengthMin"/>, <see cref="NoiseStrengthMax"/>],
    /// so every setting of the product's noise knob is one the network has seen.
    /// </summary>
    public double NoiseStrengthMin { get; init; } = 0.5;

    public double NoiseStrengthMax { get; init; } = 1.0;

    /// <summary>
    /// Outputs drawn per crop with different noises. With more than one, the reconstruction loss is taken
    /// on their mean: the mean must be right, but the samples may differ in their detail, which the
    /// adversarial loss then asks to be plausible (1 = the classic per-sample loss, which teaches the
    /// network to ignore the noise).
    /// </summary>
    public int SamplesPerCrop { get; init; } = 1;

    /// <summary>
    /// Extra weight of the L1 loss on the ground truth's smooth regions (the reward's region split): detail there
    /// is damage, whatever a discriminator thinks of it, so noise may add detail in texture regions only.
    /// </summary>
    public double SmoothRegionWeight { get; init; } = 4.0;

    /// <summary>Weight of the per-sample L1 between Gaussian-blurred (sigma 1) output and ground truth: noise may vary detail, not content.</summary>
    public double LowPassWeight { get; init; } = 1.0;

    /// <summary>Weight of the hinge adversarial loss of the generator (0 = none).</summary>
    public double AdversarialWeight { get; init; } = 0.01;

    /// <summary>The adversarial loss (and the discriminator's training) starts after this step, once reconstruction has settled.</summary>
    public int AdversarialStart { get; init; } = 300;

    public double DiscriminatorLearningRate { get; init; } = 2e-4;

    public int DiscriminatorChannels { get; init; } = 16;

    /// <summary>
    /// Weight of the auxiliary denoising loss of FINDINGS.md, ||eps^(sqrt(abar_add) z_HR + sqrt(1 - abar_add) n, t_diff) - n||^2:
    /// it trains f_theta on noised ground-truth latents, which is what GDPO's surrogate scores it on.
    /// </summary>
    public double DenoisingWeight { get; init; } = 0.05;

    public void Validate()
    {
        LearningRates.Check("learning rate", LearningRate);
        LearningRates.Check("discriminator learning rate", DiscriminatorLearningRate);
        LearningRates.RequireFinite(("weight decay", WeightDecay), ("gradient weight", GradientWeight), ("smooth-region weight", SmoothRegionWeight),
            ("low-pass weight", LowPassWeight), ("adversarial weight", AdversarialWeight), ("denoising weight", DenoisingWeight),
            ("noise strength minimum", NoiseStrengthMin), ("noise strength maximum", NoiseStrengthMax));
        if (Steps <= 0 || BatchSize <= 0 || LowResCrop < 8 || !(LearningRate > 0) || WeightDecay < 0 || GradientWeight < 0
            || NoiseStrengthMin < 0 || NoiseStrengthMax > 1 || NoiseStrengthMin > NoiseStrengthMax)
            throw new InvalidSettingException(
                $"Pretraining settings are out of range (steps {Steps}, batch {BatchSize}, crop {LowResCrop}, lr {LearningRate})",
                "Use positive steps, batch and learning rate, and a crop of at least 8.");
        if (SamplesPerCrop is < 1 or > 8 || LowPassWeight < 0 || SmoothRegionWeight < 0 || AdversarialWeight < 0 || AdversarialStart < 0
            || !(DiscriminatorLearningRate > 0) || DiscriminatorChannels is < 4 or > 256 || DenoisingWeight < 0)
            throw new InvalidSettingException(
                $"Pretraining loss settings are out of range (samples {SamplesPerCrop}, smooth-region {SmoothRegionWeight}, low-pass {LowPassWeight}, adversarial {AdversarialWeight} from step {AdversarialStart}, " +
                $"discriminator lr {DiscriminatorLearningRate}, {DiscriminatorChannels} channels, denoising {DenoisingWeight})",
                "Use 1-8 samples per crop, non-negative weights, a positive discriminator learning rate and 4-256 channels.");
    }

    public string ToJson() => JsonSerializer.Serialize(this);
}
