using System.Text.Json;
using System.Text.Json.Serialization;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Trainer.Rewards;

namespace GdpoRealtime.Trainer.Training.Gdpo;

/// <summary>What stage 2 trains with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GdpoMode>))]
public enum GdpoMode
{
    /// <summary>GDPO as METHOD.md section 2 states it.</summary>
    Gdpo,

    /// <summary>The null control: the same training with each group's advantages shuffled, so updates no longer follow the reward.</summary>
    Shuffled,

    /// <summary>The baseline: a supervised fine-tune (the stage-1 reconstruction loss) with the same steps, data and candidates.</summary>
    Supervised,
}

/// <summary>Settings of stage 2 (paper settings where FINDINGS.md does not say otherwise).</summary>
public sealed record GdpoSettings
{
    public GdpoMode Mode { get; init; } = GdpoMode.Gdpo;

    /// <summary>G: candidates per input, from different noises.</summary>
    public int GroupSize { get; init; } = 6;

    /// <summary>omega, the scale of the surrogate (5000 in the paper's code, for G = 6; the group is summed, so rescale it with G).</summary>
    public double Omega { get; init; } = 5000;

    /// <summary>Re-noising timestep of the surrogate; null = the model's own t_add.</summary>
    public int? AddTimestep { get; init; }

    /// <summary>Timestep the network is told in the surrogate; null = the model's own t_diff.</summary>
    public int? DiffTimestep { get; init; }

    /// <summary>Constant AdamW learning rate (FINDINGS.md: 1e-5 to 3e-5 for the compact model).</summary>
    public double LearningRate { get; init; } = 3e-5;

    public double WeightDecay { get; init; } = 1e-2;
    public double GradientClip { get; init; } = 1.0;
    public int Steps { get; init; } = 600;

    /// <summary>Inputs (ground-truth crops) per step; each gets a group of G candidates.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Side of the square training crops, in low-res pixels.</summary>
    public int LowResCrop { get; init; } = 32;

    public ulong Seed { get; init; } = 1;

    /// <summary>w in R = rho_s norm(fidelity) + w rho_d norm(texture): above 1 favours texture regions.</summary>
    public double TextureWeight { get; init; } = AttributeReward.DefaultTextureWeight;

    /// <summary>Where the reward's fidelity term is measured: the whole crop (the paper) or its smooth regions.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<FidelityRegion>))]
    public FidelityRegion FidelityRegion { get; init; } = FidelityRegion.Whole;

    /// <summary>Noise strength of the candidates (1 = the noise the model was trained with).</summary>
    public double CandidateNoise { get; init; } = 1.0;

    /// <summary>
    /// Weight of an optional trust region on smooth regions (0 = off, the method as the paper states it): the
    /// mean squared difference, in 8-bit grey levels, between the policy's and the frozen reference's outputs
    /// for the same input and noise, over the ground truth's smooth pixels, added to the GDPO loss. It keeps
    /// flat areas where stage 1 left them while the reward's texture term drives detail into textured ones;
    /// the shuffled control gets the same term, so comparisons stay fair.
    /// </summary>
    public double SmoothAnchor { get; init; }

    /// <summary>Weight of the gradient loss next to L1 in the supervised baseline (as in stage 1).</summary>
    public double SupervisedGradientWeight { get; init; } = 0.5;

    public void Validate()
    {
        LearningRates.Check("learning rate", LearningRate);
        LearningRates.RequireFinite(("omega", Omega), ("weight decay", WeightDecay), ("gradient clip", GradientClip), ("texture weight", TextureWeight),
            ("candidate noise", CandidateNoise), ("smooth anchor", SmoothAnchor), ("supervised gradient weight", SupervisedGradientWeight));
        if (GroupSize is < 2 or > 64)
            throw new InvalidSettingException($"Group size {GroupSize} is out of range", "Use G of 2 to 64 (6 in the paper): advantages need at least two candidates.");
        if (!(Omega > 0) || !(LearningRate > 0) || WeightDecay < 0 || !(GradientClip > 0) || Steps < 1 || BatchSize < 1 || LowResCrop < 8
            || TextureWeight < 0 || CandidateNoise is < 0 or > 1 || SupervisedGradientWeight < 0)
            throw new InvalidSettingException(
                $"GDPO settings are out of range (omega {Omega}, lr {LearningRate}, steps {Steps}, batch {BatchSize}, crop {LowResCrop}, texture weight {TextureWeight}, candidate noise {CandidateNoise})",
                "Use positive omega, learning rate, steps and batch, a crop of at least 8, a non-negative texture weight and a candidate noise in [0, 1].");
        if (!(SmoothAnchor >= 0) || double.IsInfinity(SmoothAnchor))
            throw new InvalidSettingException($"Smooth anchor {SmoothAnchor} is not a finite non-negative weight", "Use 0 (off) or a weight such as 0.05.");
        if (SmoothAnchor > 0 && Mode == GdpoMode.Supervised)
            throw new InvalidSettingException("The smooth anchor is a term of the GDPO loss; the supervised baseline trains toward the ground truth without it",
                "Set no smooth anchor for the supervised mode.") { Setting = Settings.SmoothAnchor };
        if (AddTimestep is < 0 or > 999 || DiffTimestep is < 0 or > 999)
            throw new InvalidSettingException($"Timesteps t_add={AddTimestep} and t_diff={DiffTimestep} are outside [0, 999]", "Use values such as 250 and 100, or omit them to use the model's own.");
    }

    public string StageName => Mode switch
    {
        GdpoMode.Gdpo => "gdpo",
        GdpoMode.Shuffled => "gdpo-shuffled-control",
        _ => "supervised-finetune",
    };

    public string ToJson() => JsonSerializer.Serialize(this);
}
