using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Training.Pretraining;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Support;

/// <summary>Models small enough for tests on a CPU in milliseconds (8 channels, 1 residual block).</summary>
public static class TinyModels
{
    public static ModelArchitecture Architecture => ModelArchitecture.For(ScaleFactor.X2, channels: 8, residualBlocks: 1);

    /// <summary>
    /// A tiny model whose output depends on the injected noise (its zero-initialised tail randomised), so
    /// candidates from different noises differ, as GDPO needs.
    /// </summary>
    public static NoiseAwareOneStepModel NoiseDependent(long seed = 11, double tailScale = 0.05)
    {
        manual_seed(seed);
        var model = new NoiseAwareOneStepModel(Architecture);
        using (no_grad())
            foreach (var (name, parameter) in model.Network.named_parameters())
                if (name.StartsWith("tail", StringComparison.Ordinal)) parameter.copy_(randn(parameter.shape) * tailScale);
        model.InvalidateFoldedTimestep();
        return model;
    }

    /// <summary>
    /// A tiny generative stage-1 model: a few hundred steps on crops of the test images with the
    /// adversarial and auxiliary denoising losses (about seconds on a CPU), trained once per test run.
    /// The denoising loss is what makes GDPO's surrogate speak to generation (FINDINGS.md).
    /// </summary>
    public static NoiseAwareOneStepModel Pretrained() => ModelCheckpoint.Parse(PretrainedBytes.Value, "tiny stage-1 model").CreateModel();

    public static PretrainSettings PretrainedSettings { get; } = new()
    {
        Steps = 300, BatchSize = 8, LowResCrop = 16, LearningRate = 3e-3, SamplesPerCrop = 2, AdversarialWeight = 0.05, AdversarialStart = 100,
        DenoisingWeight = 0.5, DiscriminatorChannels = 8, Seed = 7, SmoothRegionWeight = 0, NoiseStrengthMin = 0,
    };

    private static readonly Lazy<byte[]> PretrainedBytes = new(() =>
    {
        var folder = new ImageFolder(TestImages.Folder, heldOutFraction: 0);
        using var source = new SyntheticPairSource(folder, ScaleFactor.X2, DegradationSettings.Clean);
        manual_seed(7);
        using var model = new NoiseAwareOneStepModel(Architecture);
        int skipped = 0;
        using (var trainer = new Pretrainer(model, source, PretrainedSettings))
            for (int step = 1; step <= PretrainedSettings.Steps; step++)
                if (!trainer.Step(step).Applied) skipped++;
        MachineHealth.Explained(() => Assert.That(skipped, Is.Zero, "steps of the tiny stage-1 training were not finite"));
        return ModelCheckpoint.Serialize(model, new TrainingRecord { Stage = "pretrain", Steps = PretrainedSettings.Steps });
    });
}
