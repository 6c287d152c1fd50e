using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Rewards;
using GdpoRealtime.Trainer.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Training.Pretraining;

/// <summary>
/// Stage 1 (METHOD.md section 1): trains the noise-aware one-step model on pairs. Per step, for each crop,
/// <see cref="PretrainSettings.SamplesPerCrop"/> outputs are drawn with one noise strength and different
/// noises; the loss is
/// <code>
///   L1 + g * gradient loss       on the mean of the samples        (the content must be right on average)
/// + s * L1 on smooth regions     per sample                         (detail there is damage)
/// + l * L1 of blurred samples    per sample                         (noise may not move the content)
/// + a * hinge adversarial loss   per sample, after a start step     (the detail must be plausible)
/// + d * auxiliary denoising loss on noised ground-truth latents     (FINDINGS.md: what GDPO's surrogate needs)
/// </code>
/// with a conditional PatchGAN trained alongside. Randomness comes from a <see cref="TrainingRandom"/> (crops)
/// and a CPU generator (noise), both saved in the training state, so a resumed run continues exactly.
/// </summary>
public sealed class Pretrainer : ITrainingStage, IDisposable
{
    private readonly NoiseAwareOneStepModel model;
    private readonly IPairSource data;
    private readonly PretrainSettings settings;
    private readonly HeldOutMonitor? monitor;
    private readonly TrainingRandom random;
    private readonly Generator noiseGenerator;
    private readonly optim.Optimizer optimizer;
    private readonly PatchDiscriminator? discriminator;
    private readonly optim.Optimizer? discriminatorOptimizer;

    public Pretrainer(NoiseAwareOneStepModel model, IPairSource data, PretrainSettings settings, HeldOutMonitor? monitor = null)
    {
        settings.Validate();
        this.model = model;
        this.data = data;
        this.settings = settings;
        this.monitor = monitor;
        random = new TrainingRandom(settings.Seed);
        noiseGenerator = new Generator(settings.Seed ^ 0x5DEECE66DUL);
        model.Network.train();
        optimizer = optim.AdamW(model.Network.parameters(), settings.LearningRate, weight_decay: settings.WeightDecay);
        if (settings.AdversarialWeight > 0)
        {
            // The discriminator's initial weights come from the global generator: seed it so a fresh run repeats.
            manual_seed((long)(settings.Seed * 7919 + 17));
            using var spectralGenerator = new Generator(settings.Seed + 3);
            discriminator = new PatchDiscriminator(settings.DiscriminatorChannels, spectralGenerator);
            discriminator.to(model.Device);
            discriminator.train();
            discriminatorOptimizer = optim.AdamW(discriminator.parameters(), settings.DiscriminatorLearningRate,
                beta1: 0.5, beta2: 0.999, weight_decay: 0);
        }
    }

    public string Name => "pretrain";
    public int TotalSteps => settings.Steps;
    public string Settings => settings.ToJson();
    public PretrainSettings Configuration => settings;
    public long DiscriminatorParameters => discriminator?.ParameterCount ?? 0;

    /// <summary>The discriminator trained alongside, or null when the adversarial loss is off.</summary>
    public PatchDiscriminator? Discriminator => discriminator;

    public IReadOnlyList<string> ProgressKeys { get; } = new[] { "loss", "reconstruction", "adversarial" };

    public IReadOnlyList<PlotPanel> Panels { get; } = new[]
    {
        new PlotPanel("generator losses", "train", new[] { "loss", "reconstruction", "smooth_l1", "low_pass", "denoising" }),
        new PlotPanel("adversarial", "train", new[] { "adversarial", "discriminator", "d_real", "d_fake" }),
        new PlotPanel("held-out PSNR-Y (dB)", "eval", new[] { "eval_psnr_y", "eval_psnr_y_noise0", "eval_smooth_psnr_y", "bicubic_psnr_y" }),
        new PlotPanel("held-out texture score", "eval", new[] { "eval_texture", "eval_texture_noise0", "bicubic_texture" }),
    };

    public StepOutcome Step(int step)
    {
        double lr = CosineLearningRate(step);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
        bool adversarial = discriminator is not null && step > settings.AdversarialStart;

        using var scope = NewDisposeScope();
        using var batch = data.NextBatch(settings.BatchSize, settings.LowResCrop, random);
        var lowRes = batch.LowRes.to(model.Device).to(model.DataType);
        var highRes = batch.HighRes.to(model.Device).to(model.DataType);
        int k = settings.SamplesPerCrop;
        long crops = lowRes.shape[0];

        var shape = model.LatentShape((int)lowRes.shape[2], (int)lowRes.shape[3]);
        shape[0] = crops * k;
        var strengths = rand(new long[] { crops, 1, 1, 1 }, generator: noiseGenerator)
            .mul_(settings.NoiseStrengthMax - settings.NoiseStrengthMin).add_(settings.NoiseStrengthMin)
            .repeat_interleave(k, 0);
        var eps = randn(shape, generator: noiseGenerator).mul_(strengths).to(model.Device).to(model.DataType);
        var perCrop = model.LatentShape((int)lowRes.shape[2], (int)lowRes.shape[3]);
        perCrop[0] = crops;
        var denoisingNoise = settings.DenoisingWeight > 0
            ? randn(perCrop, generator: noiseGenerator).to(model.Device).to(model.DataType)
            : null;

        // The discriminator's power-iteration vectors move on every forward pass: a discarded attempt puts them back.
        var discriminatorBuffers = adversarial ? discriminator!.buffers().Select(b => b.detach().clone()).ToList() : null;
        return GuardedStep.Run(
            () => ComputeGradients(lowRes, highRes, eps, denoisingNoise, adversarial, lr),
            apply: () =>
            {
                optimizer.step();
                if (adversarial) discriminatorOptimizer!.step();
                model.InvalidateFoldedTimestep();
            },
            discard: () =>
            {
                optimizer.zero_grad();
                discriminatorOptimizer?.zero_grad();
                if (discriminatorBuffers is not null)
                    using (no_grad())
                        foreach (var (buffer, saved) in discriminator!.buffers().Zip(discriminatorBuffers)) buffer.copy_(saved);
            });
    }

    /// <summary>The step's losses and gradients (generator, and discriminator when the adversarial loss is on), not yet applied.</summary>
    private SortedDictionary<string, double> ComputeGradients(Tensor lowRes, Tensor highRes, Tensor eps, Tensor? denoisingNoise, bool adversarial, double lr)
    {
        int k = settings.SamplesPerCrop;
        long crops = lowRes.shape[0];
        var lowResK = lowRes.repeat_interleave(k, 0);
        var biases = model.Network.TimestepBiases(model.Timesteps.Diff);
        var samples = SpaceToDepthLatent.Decode(model.GenerateLatent(lowResK, eps, biases), model.Scale.Numerator);
        var mean = samples.reshape(crops, k, samples.shape[1], samples.shape[2], samples.shape[3]).mean(new long[] { 1 });
        var reconstruction = Losses.L1(mean, highRes) + Losses.Gradient(mean, highRes) * settings.GradientWeight;
        var loss = reconstruction;
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["lr"] = lr };

        if (settings.SmoothRegionWeight > 0)
        {
            // Per sample: every output must keep the smooth regions clean, the mean alone is not enough.
            var smooth = RegionSplit.TextureMask(highRes).neg().add(1.0).to(model.DataType).repeat_interleave(k, 0);
            var smoothL1 = (samples - highRes.repeat_interleave(k, 0)).abs().mul(smooth).mean();
            loss = loss + smoothL1 * settings.SmoothRegionWeight;
            values["smooth_l1"] = smoothL1.item<float>();
        }
        if (settings.LowPassWeight > 0)
        {
            var highResK = highRes.repeat_interleave(k, 0);
            var lowPass = Losses.L1(Degradation.GaussianBlur(samples, 1.0), Degradation.GaussianBlur(highResK, 1.0));
            loss = loss + lowPass * settings.LowPassWeight;
            values["low_pass"] = lowPass.item<float>();
        }
        if (denoisingNoise is not null)
        {
            // eps^ on the noised ground-truth latent, told t_diff: the very quantity GDPO's surrogate measures.
            var upsampled = model.UpsampledLatent(lowRes);
            var noised = model.AddNoise(SpaceToDepthLatent.Encode(highRes, model.Scale.Numerator), denoisingNoise, model.Timesteps.Add);
            var predicted = model.PredictNoise(noised, upsampled, model.Condition(lowRes), biases, model.Timesteps.Diff);
            var denoising = (predicted - denoisingNoise).square().mean();
            loss = loss + denoising * settings.DenoisingWeight;
            values["denoising"] = denoising.item<float>();
        }
        Tensor? upsampledInput = null;
        if (adversarial)
        {
            upsampledInput = Resampling.Bicubic(lowResK, (int)samples.shape[2], (int)samples.shape[3]);
            var generatorAdversarial = discriminator!.forward(samples, upsampledInput).mean().neg();
            loss = loss + generatorAdversarial * settings.AdversarialWeight;
            values["adversarial"] = generatorAdversarial.item<float>();
        }
        optimizer.zero_grad();
        loss.backward();
        values["grad_norm"] = nn.utils.clip_grad_norm_(model.Network.parameters(), 1.0);
        values["loss"] = loss.item<float>();
        values["reconstruction"] = reconstruction.item<float>();

        if (adversarial)
        {
            // The discriminator sees the samples made before this step's update, as the generator's loss did.
            var real = discriminator!.forward(highRes.repeat_interleave(k, 0), upsampledInput!);
            var fake = discriminator.forward(samples.detach(), upsampledInput!);
            var discriminatorLoss = nn.functional.relu(real.neg().add(1)).mean() + nn.functional.relu(fake.add(1)).mean();
            discriminatorOptimizer!.zero_grad();
            discriminatorLoss.backward();
            values["discriminator"] = discriminatorLoss.item<float>();
            values["discriminator_grad_norm"] = GuardedStep.GradientNorm(discriminator.parameters());
            values["d_real"] = real.mean().item<float>();
            values["d_fake"] = fake.mean().item<float>();
        }
        return values;
    }

    public IReadOnlyDictionary<string, double> Evaluate(int step)
    {
        if (monitor is null) return new Dictionary<string, double>();
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in monitor.Measure(model)) values[name] = value;
        if (step == 0)
            foreach (var (name, value) in monitor.MeasureBicubic()) values[name] = value;
        return values;
    }

    public void Save(TrainingState state)
    {
        state.Write("model", w => StateCodec.WriteModule(w, model.Network));
        state.Write("optimizer", w => StateCodec.WriteAdamW(w, optimizer));
        state.Write("random", w => w.Write(random.State));
        state.Write("noise-generator", w => StateCodec.WriteGenerator(w, noiseGenerator));
        if (discriminator is not null)
        {
            state.Write("discriminator", w => StateCodec.WriteModule(w, discriminator));
            state.Write("discriminator-optimizer", w => StateCodec.WriteAdamW(w, discriminatorOptimizer!));
        }
    }

    public void Restore(TrainingState state)
    {
        state.Read("model", r => StateCodec.ReadModule(r, model.Network, "network"));
        state.Read("optimizer", r => StateCodec.ReadAdamW(r, optimizer, "network"));
        state.Read("random", r => random.State = r.ReadUInt64());
        state.Read("noise-generator", r => StateCodec.ReadGenerator(r, noiseGenerator));
        if (discriminator is not null)
        {
            state.Read("discriminator", r => StateCodec.ReadModule(r, discriminator, "discriminator"));
            state.Read("discriminator-optimizer", r => StateCodec.ReadAdamW(r, discriminatorOptimizer!, "discriminator"));
        }
        model.InvalidateFoldedTimestep();
    }

    private double CosineLearningRate(int step)
    {
        int warmup = Math.Min(100, settings.Steps / 10);
        if (step <= warmup) return settings.LearningRate * step / Math.Max(1, warmup);
        double progress = (step - warmup) / (double)Math.Max(1, settings.Steps - warmup);
        return settings.LearningRate * (0.05 + 0.95 * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    public void Dispose()
    {
        optimizer.Dispose();
        discriminatorOptimizer?.Dispose();
        discriminator?.Dispose();
        noiseGenerator.Dispose();
    }
}
