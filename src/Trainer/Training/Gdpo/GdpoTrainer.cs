using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Rewards;
using GdpoRealtime.Trainer.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Training.Gdpo;

/// <summary>
/// Stage 2, GDPO exactly as METHOD.md section 2 states it. For each input of a batch, every step:
/// <list type="number">
/// <item>the frozen reference draws G candidates from G noises (no gradient); each is scored with the
/// attribute-aware reward, and the group-relative advantages A_i follow;</item>
/// <item>each candidate's latent y_i = E(x_i) is re-noised with a new noise n_i shared by policy and
/// reference, y~_i = sqrt(abar[t_add]) y_i + sqrt(1 - abar[t_add]) n_i; m_i and r_i are the mean squared
/// errors of the policy's and the reference's noise predictions (told t_diff) against n_i;</item>
/// <item>loss = -log sigmoid(-0.5 omega sum_i A_i (m_i - r_i)), AdamW, gradient clipping.</item>
/// </list>
/// The shuffled mode permutes the advantages within each group (the null control); the supervised mode
/// trains the policy's own outputs for the same inputs and noises with the stage-1 reconstruction loss
/// (the same-budget baseline). Every mode draws the same batches and candidate noises.
/// An optional trust region (<see cref="GdpoSettings.SmoothAnchor"/>, off by default) adds to the loss the
/// policy's squared departure from the reference on the ground truth's smooth pixels; the paper's loss is
/// unchanged beside it.
/// </summary>
public sealed class GdpoTrainer : ITrainingStage, IDisposable
{
    private readonly NoiseAwareOneStepModel policy;
    private readonly NoiseAwareOneStepModel reference;
    private readonly IPairSource data;
    private readonly GdpoSettings settings;
    private readonly HeldOutMonitor? monitor;
    private readonly AttributeReward reward;
    private readonly TrainingRandom random;
    private readonly TrainingRandom shuffleRandom;
    private readonly Generator noiseGenerator;
    private readonly optim.Optimizer optimizer;
    private readonly int addTimestep;
    private readonly int diffTimestep;

    /// <param name="policy">The model to tune; it starts as the stage-1 model.</param>
    /// <param name="reference">The frozen stage-1 model (a copy of the policy's starting weights).</param>
    public GdpoTrainer(NoiseAwareOneStepModel policy, NoiseAwareOneStepModel reference, IPairSource data, GdpoSettings settings, HeldOutMonitor? monitor = null)
    {
        settings.Validate();
        if (policy.Architecture != reference.Architecture)
            throw new ArgumentException("Policy and reference must share an architecture.", nameof(reference));
        this.policy = policy;
        this.reference = ModelCopies.Freeze(reference);
        this.data = data;
        this.settings = settings;
        this.monitor = monitor;
        reward = new AttributeReward(settings.TextureWeight, settings.FidelityRegion);
        addTimestep = settings.AddTimestep ?? policy.Timesteps.Add;
        diffTimestep = settings.DiffTimestep ?? policy.Timesteps.Diff;
        new Timesteps(addTimestep, diffTimestep).Validate(policy.Schedule);
        random = new TrainingRandom(settings.Seed);
        // A stream of its own, so the control draws exactly the batches and noises of the GDPO run of the same seed.
        shuffleRandom = new TrainingRandom(settings.Seed ^ 0x73687566666C65UL);
        noiseGenerator = new Generator(settings.Seed ^ 0x5DEECE66DUL);
        policy.Network.train();
        optimizer = optim.AdamW(policy.Network.parameters(), settings.LearningRate, weight_decay: settings.WeightDecay);
    }

    public string Name => settings.StageName;
    public int TotalSteps => settings.Steps;
    public string Settings => settings.ToJson();
    public GdpoSettings Configuration => settings;

    public IReadOnlyList<string> ProgressKeys { get; } = new[] { "loss", "reward_spread", "grad_norm" };

    public IReadOnlyList<PlotPanel> Panels => settings.SmoothAnchor > 0 ? CommonPanels.Append(TrustRegionPanel).ToList() : CommonPanels;

    private static readonly PlotPanel TrustRegionPanel =
        new("trust region: policy's departure on smooth regions (grey levels^2)", "train", new[] { "smooth_anchor" }, ReferenceLine: 0);

    private static readonly PlotPanel[] CommonPanels =
    {
        new PlotPanel("loss (GDPO starts at ln 2)", "train", new[] { "loss" }, ReferenceLine: Math.Log(2)),
        new PlotPanel("candidate reward and its spread in groups", "train", new[] { "reward_mean", "reward_spread", "advantage_spread" }),
        new PlotPanel("candidates: spread of PSNR-Y (dB) and texture x100 in groups", "train", new[] { "psnr_spread", "texture_spread_x100" }),
        new PlotPanel("held-out texture score", "eval", new[] { "eval_texture", "eval_texture_noise0", "reference_texture" }),
        new PlotPanel("held-out PSNR-Y (dB)", "eval", new[] { "eval_psnr_y", "eval_smooth_psnr_y", "reference_psnr_y", "reference_smooth_psnr_y" }),
        new PlotPanel("policy reward over the reference's (training group)", "eval", new[] { "reward_gain" }, ReferenceLine: 0),
    };

    /// <summary>One step's inputs: the crops, the candidates' noise and the surrogate's re-noising noise.</summary>
    public sealed record Group(Tensor LowRes, Tensor HighRes, Tensor CandidateNoise, Tensor Renoising) : IDisposable
    {
        public void Dispose()
        {
            LowRes.Dispose();
            HighRes.Dispose();
            CandidateNoise.Dispose();
            Renoising.Dispose();
        }
    }

    /// <summary>Draws the next step's group from the data and the noise generator.</summary>
    public Group DrawGroup()
    {
        using var scope = NewDisposeScope(); // intermediate tensors stay referenced until the group's are made
        using var batch = data.NextBatch(settings.BatchSize, settings.LowResCrop, random);
        var shape = policy.LatentShape((int)batch.LowRes.shape[2], (int)batch.LowRes.shape[3]);
        shape[0] = batch.LowRes.shape[0] * settings.GroupSize;
        var candidateNoise = Draw(shape).mul_(settings.CandidateNoise);
        var renoising = Draw(shape);
        return new Group(batch.LowRes.to(policy.Device).to(policy.DataType).MoveToOuterDisposeScope(), batch.HighRes.to(policy.Device).to(policy.DataType).MoveToOuterDisposeScope(),
            candidateNoise.MoveToOuterDisposeScope(), renoising.MoveToOuterDisposeScope());
    }

    public StepOutcome Step(int step)
    {
        using var group = DrawGroup();
        return StepOn(group);
    }

    /// <summary>One guarded optimizer step on a given group; the loss reported is the one before the update.</summary>
    public StepOutcome StepOn(Group group)
    {
        foreach (var parameterGroup in optimizer.ParamGroups) parameterGroup.LearningRate = settings.LearningRate;
        using var scope = NewDisposeScope();
        // A retry must draw the shuffled control's permutation again, not the next one.
        ulong shuffleState = shuffleRandom.State;
        return GuardedStep.Run(
            () =>
            {
                shuffleRandom.State = shuffleState;
                var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
                var loss = Objective(group, values);
                optimizer.zero_grad();
                loss.backward();
                values["grad_norm"] = nn.utils.clip_grad_norm_(policy.Network.parameters(), settings.GradientClip);
                values["loss"] = loss.item<float>();
                return values;
            },
            apply: () =>
            {
                optimizer.step();
                policy.InvalidateFoldedTimestep();
            },
            discard: () => optimizer.zero_grad());
    }

    /// <summary>
    /// The training loss on a given group with the current policy, without an update (a diagnostic: in the
    /// shuffled mode it draws a permutation, so calling it during a run would change the run).
    /// </summary>
    public double LossOn(Group group)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return Objective(group, new Dictionary<string, double>()).item<float>();
    }

    private Tensor Objective(Group group, IDictionary<string, double> values)
    {
        int g = settings.GroupSize;
        var lowRes = group.LowRes;
        var highRes = group.HighRes;
        long inputs = lowRes.shape[0];
        var lowResG = lowRes.repeat_interleave(g, 0);

        // (a) G candidates per input from the frozen reference, their rewards and advantages.
        Tensor candidates;
        using (no_grad())
            candidates = SpaceToDepthLatent.Decode(reference.GenerateLatent(lowResG, group.CandidateNoise, reference.FoldedDiffBiases), reference.Scale.Numerator).clamp_(0.0, 1.0);
        using var regions = AttributeReward.Regions.Of(highRes);
        using var scores = reward.Score(candidates, highRes, g, regions);
        var advantages = GdpoObjective.Advantages(scores.Reward);
        if (settings.Mode == GdpoMode.Shuffled) advantages = GdpoObjective.ShuffleWithinGroups(advantages, shuffleRandom);
        RecordCandidates(values, scores, advantages);

        Tensor loss;
        if (settings.Mode == GdpoMode.Supervised)
        {
            // The same inputs and noises, the policy's own outputs, the stage-1 reconstruction loss.
            var outputs = SpaceToDepthLatent.Decode(policy.GenerateLatent(lowResG, group.CandidateNoise, policy.Network.TimestepBiases(policy.Timesteps.Diff)), policy.Scale.Numerator);
            var truth = highRes.repeat_interleave(g, 0);
            loss = Losses.L1(outputs, truth) + Losses.Gradient(outputs, truth) * settings.SupervisedGradientWeight;
        }
        else
        {
            // (b) re-noise each candidate's latent with noise shared by policy and reference.
            var upsampled = policy.UpsampledLatent(lowResG);
            var condition = policy.Condition(lowResG);
            var renoised = policy.AddNoise(SpaceToDepthLatent.Encode(candidates, policy.Scale.Numerator), group.Renoising, addTimestep);
            var policyPrediction = policy.PredictNoise(renoised, upsampled, condition, policy.Network.TimestepBiases(diffTimestep), diffTimestep);
            var policyError = GdpoObjective.PerSampleSquaredError(policyPrediction, group.Renoising).reshape(inputs, g);
            Tensor referenceError;
            using (no_grad())
            {
                var referencePrediction = reference.PredictNoise(renoised, upsampled, condition, reference.Network.TimestepBiases(diffTimestep), diffTimestep);
                referenceError = GdpoObjective.PerSampleSquaredError(referencePrediction, group.Renoising).reshape(inputs, g);
            }
            // (c) the log-sigmoid loss with omega.
            var inside = GdpoObjective.Inside(policyError, referenceError, advantages, settings.Omega);
            loss = GdpoObjective.Loss(inside);
            values["inside"] = inside.mean().item<float>();
            values["error_gap"] = (policyError - referenceError).mean().item<float>();
            if (settings.SmoothAnchor > 0)
            {
                var anchor = SmoothAnchor(group, candidates, regions.TextureMask);
                values["smooth_anchor"] = anchor.item<float>();
                loss = loss + anchor * settings.SmoothAnchor;
            }
        }
        return loss;
    }

    /// <summary>
    /// The optional trust region on smooth regions: for each input, the policy's output from the group's first
    /// candidate noise against that candidate (the reference's output), mean squared difference in 8-bit grey
    /// levels over the ground truth's smooth pixels. Zero while the policy equals the reference.
    /// </summary>
    private Tensor SmoothAnchor(Group group, Tensor candidates, Tensor textureMask)
    {
        // Rows are group-major, so every G-th row is the first of its group.
        long rows = candidates.shape[0];
        int g = settings.GroupSize;
        var firstNoise = group.CandidateNoise.slice(0, 0, rows, g);
        var output = SpaceToDepthLatent.Decode(policy.GenerateLatent(group.LowRes, firstNoise, policy.Network.TimestepBiases(policy.Timesteps.Diff)), policy.Scale.Numerator).clamp(0.0, 1.0);
        var target = candidates.slice(0, 0, rows, g);
        var smooth = textureMask.to(output.dtype).neg().add(1.0);
        var squared = (output - target).mul(255.0).square().mul(smooth);
        return squared.sum().div(smooth.sum().mul(output.shape[1]).clamp_min(1.0));
    }

    private static void RecordCandidates(IDictionary<string, double> values, AttributeReward.Scores scores, Tensor advantages)
    {
        values["reward_mean"] = scores.Reward.mean().item<double>();
        values["reward_spread"] = scores.Reward.std(1, unbiased: true).mean().item<double>();
        values["advantage_spread"] = advantages.abs().mean().item<double>();
        values["psnr_spread"] = scores.Fidelity.std(1, unbiased: true).mean().item<double>();
        values["texture_spread_x100"] = scores.Texture.std(1, unbiased: true).mean().item<double>() * 100;
        values["candidate_psnr_y"] = scores.Fidelity.mean().item<double>();
        values["candidate_texture"] = scores.Texture.mean().item<double>();
    }

    /// <summary>Standard normal noise drawn on the CPU generator (the same on every device), moved to the policy's device.</summary>
    private Tensor Draw(long[] shape) => randn(shape, generator: noiseGenerator).to(policy.Device).to(policy.DataType);

    public IReadOnlyDictionary<string, double> Evaluate(int step)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (monitor is not null)
        {
            foreach (var (name, value) in monitor.Measure(policy)) values[name] = value;
            if (step == 0)
                foreach (var (name, value) in monitor.Measure(reference, "reference_")) values[name] = value;
        }
        foreach (var (name, value) in MeasureRewardGain()) values[name] = value;
        return values;
    }

    /// <summary>
    /// The policy's reward against the reference's on a fixed group of training inputs: G candidates of
    /// each from the same noises, scored together (groups of 2G), the mean reward of the policy's minus the
    /// reference's. Positive when the policy now produces what the reward prefers. Draws from its own streams.
    /// </summary>
    public IReadOnlyDictionary<string, double> MeasureRewardGain(int inputs = 8, ulong monitorSeed = 0x6D6F6E69746F72UL)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(settings.Seed ^ monitorSeed);
        using var batch = data.NextBatch(inputs, settings.LowResCrop, new TrainingRandom(settings.Seed ^ monitorSeed));
        var shape = policy.LatentShape((int)batch.LowRes.shape[2], (int)batch.LowRes.shape[3]);
        shape[0] = batch.LowRes.shape[0] * settings.GroupSize;
        using var noise = randn(shape, generator: generator).mul_(settings.CandidateNoise);
        using var group = new Group(batch.LowRes.to(policy.Device).to(policy.DataType), batch.HighRes.to(policy.Device).to(policy.DataType),
            noise.to(policy.Device).to(policy.DataType), zeros(1));
        return MeasureRewardGain(group);
    }

    /// <summary>The policy's reward against the reference's on a given group, candidates from the group's noises.</summary>
    public IReadOnlyDictionary<string, double> MeasureRewardGain(Group group)
    {
        int g = settings.GroupSize;
        using var scope = NewDisposeScope();
        long n = group.LowRes.shape[0];
        var lowResG = group.LowRes.repeat_interleave(g, 0);
        bool wasTraining = policy.Network.training;
        policy.Network.eval();
        policy.InvalidateFoldedTimestep();
        Tensor ours, theirs;
        using (no_grad())
        {
            ours = SpaceToDepthLatent.Decode(policy.GenerateLatent(lowResG, group.CandidateNoise, policy.FoldedDiffBiases), policy.Scale.Numerator).clamp_(0.0, 1.0);
            theirs = SpaceToDepthLatent.Decode(reference.GenerateLatent(lowResG, group.CandidateNoise, reference.FoldedDiffBiases), reference.Scale.Numerator).clamp_(0.0, 1.0);
        }
        if (wasTraining) policy.Network.train();
        policy.InvalidateFoldedTimestep();
        var shapeOfImages = new[] { n, g, ours.shape[1], ours.shape[2], ours.shape[3] };
        var joint = cat(new[] { ours.reshape(shapeOfImages), theirs.reshape(shapeOfImages) }, 1).reshape(n * 2 * g, ours.shape[1], ours.shape[2], ours.shape[3]);
        using var scores = reward.Score(joint, group.HighRes, 2 * g);
        var policyReward = scores.Reward.narrow(1, 0, g).mean().item<double>();
        var referenceReward = scores.Reward.narrow(1, g, g).mean().item<double>();
        return new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["reward_gain"] = policyReward - referenceReward,
            ["group_policy_texture"] = scores.Texture.narrow(1, 0, g).mean().item<double>(),
            ["group_reference_texture"] = scores.Texture.narrow(1, g, g).mean().item<double>(),
            ["group_policy_psnr_y"] = scores.Fidelity.narrow(1, 0, g).mean().item<double>(),
            ["group_reference_psnr_y"] = scores.Fidelity.narrow(1, g, g).mean().item<double>(),
        };
    }

    public void Save(TrainingState state)
    {
        state.Write("policy", w => StateCodec.WriteModule(w, policy.Network));
        state.Write("reference", w => StateCodec.WriteModule(w, reference.Network));
        state.Write("optimizer", w => StateCodec.WriteAdamW(w, optimizer));
        state.Write("random", w => w.Write(random.State));
        state.Write("shuffle-random", w => w.Write(shuffleRandom.State));
        state.Write("noise-generator", w => StateCodec.WriteGenerator(w, noiseGenerator));
    }

    public void Restore(TrainingState state)
    {
        state.Read("policy", r => StateCodec.ReadModule(r, policy.Network, "policy"));
        state.Read("reference", r => StateCodec.ReadModule(r, reference.Network, "reference"));
        state.Read("optimizer", r => StateCodec.ReadAdamW(r, optimizer, "policy"));
        state.Read("random", r => random.State = r.ReadUInt64());
        state.Read("shuffle-random", r => shuffleRandom.State = r.ReadUInt64());
        state.Read("noise-generator", r => StateCodec.ReadGenerator(r, noiseGenerator));
        policy.InvalidateFoldedTimestep();
        reference.InvalidateFoldedTimestep();
    }

    public void Dispose()
    {
        optimizer.Dispose();
        noiseGenerator.Dispose();
    }
}
