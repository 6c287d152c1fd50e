using GdpoRealtime.Trainer.Rewards;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Rewards;

public class AttributeRewardTests
{
    /// <summary>A ground truth whose left half is flat (smooth) and right half noise (texture), 40x40.</summary>
    private static Tensor HalfTextured()
    {
        manual_seed(3);
        var truth = full(new long[] { 1, 3, 40, 40 }, 0.5f);
        truth[.., .., .., TensorIndex.Slice(20, null)] = rand(1, 3, 40, 20);
        return truth;
    }

    [Test]
    public void SmoothFidelitySeesDamageInFlatAreasOnlyWholeFidelitySeesBoth()
    {
        using var truth = HalfTextured();
        using var mask = RegionSplit.TextureMask(truth);
        Assume.That(mask[0, 0, 0, 0].item<float>(), Is.EqualTo(0f));
        Assume.That(mask[0, 0, 0, 39].item<float>(), Is.EqualTo(1f));
        manual_seed(4);
        using var damage = randn(1, 3, 40, 20).mul(0.03);
        using var flatDamaged = truth.clone();
        flatDamaged[.., .., .., TensorIndex.Slice(0, 20)] += damage;
        using var textureDamaged = truth.clone();
        textureDamaged[.., .., .., TensorIndex.Slice(20, null)] += damage;
        using var candidates = cat(new[] { flatDamaged, textureDamaged }, 0);
        using var truths = truth.expand(2, 3, 40, 40);
        using var masks = mask.expand(2, 1, 40, 40);

        using var smooth = AttributeReward.SmoothFidelity(candidates, truths, masks);
        using var whole = AttributeReward.Fidelity(candidates, truths);
        Assert.That(smooth[0].item<double>(), Is.LessThan(45), "noise on the flat half is seen");
        Assert.That(smooth[1].item<double>(), Is.GreaterThan(100), "noise on the textured half is not its business: a perfect score");
        Assert.That(whole[0].item<double>(), Is.LessThan(45));
        Assert.That(whole[1].item<double>(), Is.LessThan(45), "whole-crop PSNR sees both");
    }

    [Test]
    public void WithSmoothFidelityAGroupRanksTheCandidateThatSpillsDetailIntoFlatAreasLast()
    {
        using var truth = HalfTextured();
        manual_seed(5);
        using var spill = truth.clone();
        spill[.., .., .., TensorIndex.Slice(0, 20)] += randn(1, 3, 40, 20).mul(0.02);
        using var textureOnly = truth.clone();
        textureOnly[.., .., .., TensorIndex.Slice(20, null)] += randn(1, 3, 40, 20).mul(0.05);
        using var group = cat(new[] { spill, textureOnly }, 0);
        var reward = new AttributeReward(textureWeight: 0, FidelityRegion.Smooth);
        using var scores = reward.Score(group, truth, groupSize: 2);
        Assert.That(scores.Reward[0, 0].item<double>(), Is.LessThan(scores.Reward[0, 1].item<double>()));
        var paper = new AttributeReward(textureWeight: 0);
        using var paperScores = paper.Score(group, truth, groupSize: 2);
        Assert.That(paperScores.Reward[0, 0].item<double>(), Is.GreaterThan(paperScores.Reward[0, 1].item<double>()),
            "whole-crop PSNR prefers the spill here: its error is smaller in total");
    }
}
