using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Training;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Data;

public class MixedPairSourceTests
{
    /// <summary>A source whose every pixel is one value, so a crop shows which source it came from.</summary>
    private sealed class ConstantSource(float value, int heldOut) : IPairSource
    {
        public string Description => $"constant {value}";

        public PairBatch NextBatch(int batchSize, int lowResCrop, TrainingRandom random) =>
            new(full(batchSize, 3, lowResCrop, lowResCrop, value), full(batchSize, 3, lowResCrop * 2, lowResCrop * 2, value));

        public IReadOnlyList<PairBatch> HeldOut(int maxLowResSide) =>
            Enumerable.Range(0, heldOut).Select(_ => new PairBatch(full(1, 3, 8, 8, value), full(1, 3, 16, 16, value))).ToList();
    }

    private static List<double> ShareOfOnes(ulong seed, int batches = 50, int batchSize = 8)
    {
        using var mixed = new MixedPairSource(new IPairSource[] { new ConstantSource(0, 2), new ConstantSource(1, 3) });
        var random = new TrainingRandom(seed);
        var shares = new List<double>();
        for (int i = 0; i < batches; i++)
        {
            using var batch = mixed.NextBatch(batchSize, 4, random);
            Assert.That(batch.LowRes.shape, Is.EqualTo(new long[] { batchSize, 3, 4, 4 }));
            Assert.That(batch.HighRes.shape, Is.EqualTo(new long[] { batchSize, 3, 8, 8 }));
            shares.Add(batch.HighRes.mean(new long[] { 1, 2, 3 }).sum().item<float>() / batchSize);
        }
        return shares;
    }

    [Test]
    public void EachCropComesFromAFolderDrawnWithEqualOddsTheSameWayForTheSameSeed()
    {
        var shares = ShareOfOnes(seed: 5);
        // 400 crops: a share of 0.5 has a standard deviation of 0.025.
        Assert.That(shares.Average(), Is.InRange(0.42, 0.58));
        Assert.That(shares.Distinct().Count(), Is.GreaterThan(3), "batches mix the folders in varying proportions");
        Assert.That(ShareOfOnes(seed: 5), Is.EqualTo(shares), "the run's random stream decides, so a resumed run draws the same");
        Assert.That(ShareOfOnes(seed: 6), Is.Not.EqualTo(shares));
    }

    [Test]
    public void HeldOutPairsAreThoseOfEveryFolder()
    {
        using var mixed = new MixedPairSource(new IPairSource[] { new ConstantSource(0, 2), new ConstantSource(1, 3) });
        var heldOut = mixed.HeldOut(64);
        Assert.That(heldOut, Has.Count.EqualTo(5));
        Assert.That(mixed.Description, Does.Contain("constant 0").And.Contain("constant 1"));
        foreach (var pair in heldOut) pair.Dispose();
    }

    [Test]
    public void ACaptureFolderAndAnImageFolderMixAtTheCapturesScale()
    {
        using var folder = new TempFolder();
        string capture = folder.File("capture");
        CaptureFolders.Write(capture);
        using var opened = PairSources.Open(new[] { capture, TestImages.Folder }, null, new DataOptions(), NullLogger.Instance);
        Assert.That(opened.Scale, Is.EqualTo(ScaleFactor.X2));
        Assert.That(opened.Source, Is.InstanceOf<MixedPairSource>());
        Assert.That(opened.Source.Description, Does.Contain("capture folder").And.Contain(TestImages.Folder));
        using var batch = opened.Source.NextBatch(6, 16, new TrainingRandom(1));
        Assert.That(batch.HighRes.shape, Is.EqualTo(new long[] { 6, 3, 32, 32 }));

        Assert.Throws<InvalidSettingException>(() => PairSources.Open(new[] { capture, TestImages.Folder }, ScaleFactor.Parse("3"), new DataOptions(), NullLogger.Instance),
            "a capture at x2 cannot join a mixture at x3");
        Assert.Throws<InvalidSettingException>(() => PairSources.Open(Array.Empty<string>(), null, new DataOptions(), NullLogger.Instance));
    }
}
