using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Training;
using GdpoRealtime.Trainer.Training.Gdpo;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Tests.Trainer.Training;

public class GdpoObjectiveTests
{
    [Test]
    public void AdvantagesSumToZeroAndHaveUnitSpread()
    {
        manual_seed(1);
        using var rewards = rand(5, 6, dtype: ScalarType.Float64);
        using var advantages = GdpoObjective.Advantages(rewards);
        using var sums = advantages.sum(1);
        Assert.That(sums.abs().max().item<double>(), Is.LessThan(1e-12));
        using var spread = advantages.std(1, unbiased: true);
        Assert.That((spread - 1).abs().max().item<double>(), Is.LessThan(1e-6));
        using var order = rewards.argsort(1);
        using var advantageOrder = advantages.argsort(1);
        Assert.That(order.eq(advantageOrder).all().item<bool>(), Is.True, "advantages rank candidates as the rewards do");
    }

    [Test]
    public void GroupOfEqualRewardsGivesZeroAdvantagesNotNaN()
    {
        using var rewards = HostTensors.From(new double[] { 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.1, 0.5, 0.2, 0.9, 0.4, 0.6 }, 2, 6);
        using var advantages = GdpoObjective.Advantages(rewards);
        Assert.That(advantages.isnan().any().item<bool>(), Is.False);
        Assert.That(advantages[0].abs().max().item<double>(), Is.EqualTo(0.0));
        Assert.That(advantages[1].abs().max().item<double>(), Is.GreaterThan(0.5), "the other group still carries its preferences");
    }

    [Test]
    public void WithAGroupOfTwoTheLossIsDiffusionDpoWithBetaScaledByOneOverSqrtTwo()
    {
        manual_seed(2);
        const double omega = 5000;
        using var policy = rand(16, 2, dtype: ScalarType.Float64).mul_(0.01);
        using var reference = rand(16, 2, dtype: ScalarType.Float64).mul_(0.01);
        using var rewards = rand(16, 2, dtype: ScalarType.Float64);
        using var advantages = GdpoObjective.Advantages(rewards);
        using var gdpo = GdpoObjective.Loss(GdpoObjective.Inside(policy, reference, advantages, omega));

        // Diffusion-DPO (Wallace et al.), as its reference code writes it, with the winner picked by reward:
        // loss = -log sigmoid(-0.5 beta ((m_w - m_l) - (r_w - r_l))).
        double beta = omega / Math.Sqrt(2), total = 0;
        for (int b = 0; b < 16; b++)
        {
            int w = rewards[b, 0].item<double>() > rewards[b, 1].item<double>() ? 0 : 1, l = 1 - w;
            double modelDiff = policy[b, w].item<double>() - policy[b, l].item<double>();
            double referenceDiff = reference[b, w].item<double>() - reference[b, l].item<double>();
            double inside = -0.5 * beta * (modelDiff - referenceDiff);
            total += -Math.Log(1 / (1 + Math.Exp(-inside)));
        }
        Assert.That(gdpo.item<double>(), Is.EqualTo(total / 16).Within(1e-6), "equal up to the 1e-8 guard of the advantage denominator");
    }

    [Test]
    public void ShuffledAdvantagesArePermutationsWithinEachGroup()
    {
        manual_seed(3);
        using var rewards = rand(4, 6, dtype: ScalarType.Float64);
        using var advantages = GdpoObjective.Advantages(rewards);
        var random = new TrainingRandom(5);
        bool changed = false;
        for (int trial = 0; trial < 5; trial++)
        {
            using var shuffled = GdpoObjective.ShuffleWithinGroups(advantages, random);
            using var a = advantages.sort(1).Values;
            using var s = shuffled.sort(1).Values;
            Assert.That(a.eq(s).all().item<bool>(), Is.True, "each group keeps its own advantages");
            changed |= !shuffled.eq(advantages).all().item<bool>();
        }
        Assert.That(changed, Is.True);
    }

    [Test]
    public void AtStepZeroTheLossIsLn2AndTheGradientIsQuarterOmegaTimesTheAdvantageWeightedErrorGradient()
    {
        // Policy equals reference: inside = 0, loss = ln 2, gradient = 0.25 omega mean_b sum_i A_ib dm_ib/dtheta.
        using var policy = TinyModels.NoiseDependent();
        using var reference = ModelCopies.Clone(policy);
        manual_seed(4);
        const double omega = 5000;
        using var lowRes = rand(2 * 3, 3, 8, 8);
        var shape = policy.LatentShape(8, 8);
        shape[0] = 6;
        using var latent = randn(shape).mul_(0.5);
        using var noise = randn(shape);
        using var rewards = rand(2, 3, dtype: ScalarType.Float64);
        using var advantages = GdpoObjective.Advantages(rewards);

        Tensor Errors(GdpoRealtime.Runtime.Model.NoiseAwareOneStepModel model)
        {
            var noisy = model.AddNoise(latent, noise, model.Timesteps.Add);
            var predicted = model.PredictNoise(noisy, model.UpsampledLatent(lowRes), model.Condition(lowRes), model.Network.TimestepBiases(model.Timesteps.Diff), model.Timesteps.Diff);
            return GdpoObjective.PerSampleSquaredError(predicted, noise).reshape(2, 3);
        }

        using var referenceErrors = Errors(reference).detach();
        using var loss = GdpoObjective.Loss(GdpoObjective.Inside(Errors(policy), referenceErrors, advantages, omega));
        Assert.That(loss.item<float>(), Is.EqualTo(Math.Log(2)).Within(1e-4));
        policy.Network.zero_grad();
        loss.backward();
        var gradient = policy.Network.parameters().Select(p => p.grad!.clone()).ToList();
        double norm = Math.Sqrt(gradient.Sum(g => g.square().sum().item<float>()));
        Assert.That(norm, Is.GreaterThan(1e-3), "the gradient at step 0 is not zero");

        policy.Network.zero_grad();
        using var expected = (Errors(policy) * advantages.to(ScalarType.Float32)).sum(1).mean().mul(0.25 * omega);
        expected.backward();
        double difference = 0;
        foreach (var (g, p) in gradient.Zip(policy.Network.parameters())) difference += (g - p.grad!).square().sum().item<float>();
        Assert.That(Math.Sqrt(difference) / norm, Is.LessThan(1e-4));
    }
}
