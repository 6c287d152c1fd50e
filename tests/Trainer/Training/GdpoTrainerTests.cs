using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Training;
using GdpoRealtime.Trainer.Training.Gdpo;

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
        Assert.That(after.Average(), Is.LessThan(Math.Log(2) - 0.01), "each step lowers the loss of its group below ln 2");
        Assert.That(after.Zip(before).Count(p => p.First < p.Second), Is.GreaterThanOrEqualTo(27));
        Assert.That(gain["reward_gain"], Is.GreaterThan(0.02));
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
}
