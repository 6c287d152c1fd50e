using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Training;
using GdpoRealtime.Trainer.Training.Gdpo;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Training;

public class GdpoTrainerTests
{
    private static GdpoSettings Settings(GdpoMode mode = GdpoMode.Gdpo, int steps = 20) => new()
    {
        Mode = mode, GroupSize = 6, Omega = 5000, LearningRate = 1e-5, Steps = steps, BatchSize = 2, LowResCrop = 16, Seed = 3,
    };

    [Test]
    public void FirstStepLossIsLn2WithANonZeroGradient()
    {
        using var data = new FixedPairSource();
        using var policy = TinyModels.NoiseDependent();
        using var reference = ModelCopies.Clone(policy);
        using var trainer = new GdpoTrainer(policy, reference, data, Settings());
        var first = trainer.Step(1);
        Assert.That(first["loss"], Is.EqualTo(Math.Log(2)).Within(1e-4));
        Assert.That(first["inside"], Is.EqualTo(0).Within(1e-6));
        Assert.That(first["grad_norm"], Is.GreaterThan(1e-4));
        Assert.That(first["reward_spread"], Is.GreaterThan(0), "candidates from different noises differ");
    }

    [Test]
    public void AFewStepsLowerTheLossBelowLn2AndRaiseThePolicysRewardOnTheTrainingGroup()
    {
        // The training group: two texture crops, fresh candidate noises every step (GDPO as it runs).
        using var data = new FixedPairSource();
        using var policy = TinyModels.Pretrained();
        using var reference = ModelCopies.Clone(policy);
        using var trainer = new GdpoTrainer(policy, reference, data, Settings() with { Omega = 500, LearningRate = 1e-4 });
        Assert.That(trainer.MeasureRewardGain(inputs: 2)["reward_gain"], Is.EqualTo(0).Within(1e-12), "the policy starts as the reference");
        var before = new List<double>();
        var after = new List<double>();
        for (int step = 0; step < 30; step++)
        {
            using var group = trainer.DrawGroup();
            before.Add(trainer.StepOn(group)["loss"]);
            after.Add(trainer.LossOn(group));
        }
        Assert.That(before[0], Is.EqualTo(Math.Log(2)).Within(1e-4));
        // The reward on the training inputs, with candidates from noises the training never drew.
        var gain = trainer.MeasureRewardGain(inputs: 2);
        TestContext.Out.WriteLine($"loss after each step {after.Average():F4}; reward gain {gain["reward_gain"]:F4}; " +
                                  $"texture {gain["group_reference_texture"]:F4} -> {gain["group_policy_texture"]:F4}; PSNR-Y {gain["group_reference_psnr_y"]:F3} -> {gain["group_policy_psnr_y"]:F3}");
        MachineHealth.Explained(() =>
        {
            Assert.That(after.Average(), Is.LessThan(Math.Log(2) - 0.01), "each step lowers the loss of its group below ln 2");
            Assert.That(after.Zip(before).Count(p => p.First < p.Second), Is.GreaterThanOrEqualTo(27));
            Assert.That(gain["reward_gain"], Is.GreaterThan(0.02));
        });
    }

    [Test]
    public void ShuffledControlSeesTheSameCandidatesButNotTheirOrder()
    {
        using var data = new FixedPairSource();
        using var policyA = TinyModels.NoiseDependent();
        using var referenceA = ModelCopies.Clone(policyA);
        using var policyB = TinyModels.NoiseDependent();
        using var referenceB = ModelCopies.Clone(policyB);
        using var gdpo = new GdpoTrainer(policyA, referenceA, data, Settings());
        using var control = new GdpoTrainer(policyB, referenceB, data, Settings(GdpoMode.Shuffled));
        var a = gdpo.Step(1);
        var b = control.Step(1);
        Assert.That(b["candidate_texture"], Is.EqualTo(a["candidate_texture"]), "the same batches and noises");
        Assert.That(b["reward_mean"], Is.EqualTo(a["reward_mean"]));
        Assert.That(b["loss"], Is.EqualTo(Math.Log(2)).Within(1e-4));
        Assert.That(policyA.Network.parameters().Zip(policyB.Network.parameters()).Any(p => !p.First.eq(p.Second).all().item<bool>()), Is.True,
            "shuffled advantages move the policy elsewhere");
    }

    [Test]
    public void SupervisedBaselineLowersTheReconstructionLoss()
    {
        using var data = new FixedPairSource();
        using var policy = TinyModels.NoiseDependent();
        using var reference = ModelCopies.Clone(policy);
        using var trainer = new GdpoTrainer(policy, reference, data, Settings(GdpoMode.Supervised));
        var losses = Enumerable.Range(1, 10).Select(step => trainer.Step(step)["loss"]).ToList();
        Assert.That(losses.Skip(7).Average(), Is.LessThan(losses[0]));
        Assert.That(trainer.Name, Is.EqualTo("supervised-finetune"));
    }

    [Test]
    public void SmoothAnchorIsZeroAtTheStartAndHoldsSmoothRegionsNearTheReference()
    {
        // Crops half flat grey, half texture; a learning rate large enough to move a tiny model far in 15 steps.
        using var data = new FixedPairSource(highSide: 40, flatLeftHalf: true);
        var settings = Settings(steps: 15) with { Omega = 500, LearningRate = 2e-3 };
        var free = Deviations(data, settings);
        var anchored = Deviations(data, settings with { SmoothAnchor = 1.0 });
        TestContext.Out.WriteLine($"policy vs reference, mean squared grey levels: free smooth {free.Smooth:F3} texture {free.Texture:F3}; " +
                                  $"anchored smooth {anchored.Smooth:F3} texture {anchored.Texture:F3}");
        Assert.That(anchored.FirstLoss, Is.EqualTo(Math.Log(2)).Within(1e-4), "the anchor is zero while the policy equals the reference");
        Assert.That(anchored.FirstAnchor, Is.EqualTo(0).Within(1e-9));
        Assert.That(free.Smooth, Is.GreaterThan(0.05), "without the anchor the policy moves on the flat half");
        Assert.That(anchored.Smooth, Is.LessThan(free.Smooth * 0.5), "the anchor holds the flat half near the reference");
        Assert.That(anchored.Texture, Is.GreaterThan(anchored.Smooth), "the texture half stays free to move");
    }

    [Test]
    public void SmoothAnchorIsRefusedForTheSupervisedBaselineAndWhenNegative()
    {
        Assert.Throws<GdpoRealtime.Runtime.Errors.InvalidSettingException>(() => (Settings(GdpoMode.Supervised) with { SmoothAnchor = 1 }).Validate());
        Assert.Throws<GdpoRealtime.Runtime.Errors.InvalidSettingException>(() => (Settings() with { SmoothAnchor = -1 }).Validate());
        Assert.DoesNotThrow(() => (Settings(GdpoMode.Shuffled) with { SmoothAnchor = 1 }).Validate());
    }

    [Test]
    public void TheTrainingFigureShowsTheTrustRegionOnlyWhenItIsOn()
    {
        using var data = new FixedPairSource();
        using var policy = TinyModels.NoiseDependent();
        using var reference = ModelCopies.Clone(policy);
        using var off = new GdpoTrainer(policy, reference, data, Settings());
        using var on = new GdpoTrainer(policy, reference, data, Settings() with { SmoothAnchor = 30 });
        Assert.That(off.Panels.SelectMany(p => p.Series), Does.Not.Contain("smooth_anchor"));
        Assert.That(on.Panels.SelectMany(p => p.Series), Does.Contain("smooth_anchor"));
        Assert.That(on.Panels, Has.Count.EqualTo(off.Panels.Count + 1));
    }

    private sealed record Deviation(double Smooth, double Texture, double FirstLoss, double FirstAnchor);

    /// <summary>Trains, then measures the policy's mean squared difference from the reference (8-bit grey levels) on the flat and textured halves.</summary>
    private static Deviation Deviations(FixedPairSource data, GdpoSettings settings)
    {
        using var policy = TinyModels.Pretrained();
        using var reference = ModelCopies.Clone(policy);
        using var trainer = new GdpoTrainer(policy, reference, data, settings);
        var first = trainer.Step(1);
        for (int step = 2; step <= settings.Steps; step++) trainer.Step(step);
        using var scope = NewDisposeScope();
        using var batch = data.NextBatch(2, 20, new TrainingRandom(1));
        manual_seed(5);
        var noise = randn(policy.LatentShape((int)batch.LowRes.shape[2], (int)batch.LowRes.shape[3]).Select((d, i) => i == 0 ? batch.LowRes.shape[0] : d).ToArray());
        Tensor Output(GdpoRealtime.Runtime.Model.NoiseAwareOneStepModel model)
        {
            using var _ = no_grad();
            model.Network.eval();
            model.InvalidateFoldedTimestep();
            return GdpoRealtime.Runtime.Model.SpaceToDepthLatent.Decode(model.GenerateLatent(batch.LowRes, noise, model.FoldedDiffBiases), model.Scale.Numerator).clamp(0, 1);
        }
        var squared = (Output(policy) - Output(reference)).mul(255).square();
        long half = squared.shape[3] / 2;
        // Skip a border of 4 pixels on each side of the seam: the network's receptive field mixes the halves there.
        double smooth = squared.narrow(3, 0, half - 4).mean().item<float>();
        double texture = squared.narrow(3, half + 4, half - 4).mean().item<float>();
        return new Deviation(smooth, texture, first["loss"], first.Values.TryGetValue("smooth_anchor", out var anchor) ? anchor : double.NaN);
    }
}
