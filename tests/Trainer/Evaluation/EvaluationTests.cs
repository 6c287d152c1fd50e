using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Data.Capture;
using GdpoRealtime.Trainer.Evaluation;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Evaluation;

public class EvaluationTests
{
    [Test]
    public void SsimIsOneForIdenticalImagesAndFallsWithNoiseAndBlur()
    {
        using var image = GdpoRealtime.Runtime.Imaging.ImageTensors.ToTensor(TestImages.Load(TestImages.GameTextures[0]));
        using var noisy = Degraded.WithNoise(image, 0.05, 1);
        using var blurred = Degraded.Blurred(image, 1.5);
        double same = Ssim.Y(image, image).item<double>(), withNoise = Ssim.Y(noisy, image).item<double>(), withBlur = Ssim.Y(blurred, image).item<double>();
        Assert.That(same, Is.EqualTo(1.0).Within(1e-9));
        Assert.That(withNoise, Is.InRange(0.2, 0.95));
        Assert.That(withBlur, Is.InRange(0.2, 0.95));
        Assert.That(Ssim.Y(image, noisy).item<double>(), Is.EqualTo(withNoise).Within(1e-9), "SSIM is symmetric");
    }

    [Test]
    public void BuildingTheSetAndScoringReportTheirProgress()
    {
        using var source = new FixedPairSource(count: 2, highSide: 64);
        var pairsDone = new List<(int, int)>();
        using var set = EvaluationSet.FromPairs(source.HeldOut(1024), source.Description, ScaleFactor.X2,
            new EvaluationOptions { Tile = 16, MaxItems = 50 }, (done, total) => pairsDone.Add((done, total)));
        var batchesDone = new List<(int, int)>();
        var scores = ModelEvaluator.Evaluate(EvaluationMethods.Bicubic(ScaleFactor.X2), set, (done, total) => batchesDone.Add((done, total)));
        int batches = ModelEvaluator.BatchCount(set);
        Assert.Multiple(() =>
        {
            Assert.That(pairsDone, Is.EqualTo(new[] { (1, 1) }), "the fixed source holds one held-out batch");
            Assert.That(scores, Has.Count.EqualTo(set.Items.Count));
            Assert.That(batchesDone, Is.EqualTo(Enumerable.Range(1, batches).Select(i => (i, batches))));
        });
    }

    [Test]
    public void MeanWithErrorUsesTheSampleStandardDeviationAndSkipsNaN()
    {
        var m = MeanWithError.Of(new[] { 1.0, 2.0, 3.0, 4.0, double.NaN });
        Assert.That(m.Mean, Is.EqualTo(2.5));
        Assert.That(m.StandardError, Is.EqualTo(Math.Sqrt(5.0 / 3.0) / 2).Within(1e-12));
        Assert.That(m.Count, Is.EqualTo(4));
        var paired = MeanWithError.OfDifferences(new[] { 1.0, 2.0, 3.0 }, new[] { 0.5, 1.0, 2.0 });
        Assert.That(paired.Mean, Is.EqualTo(5.0 / 6.0).Within(1e-12));
    }

    [Test]
    public void SmoothRegionPsnrIsUndefinedWithoutSmoothPixelsAndTheTruthScoresItsOwnTexture()
    {
        manual_seed(3);
        using var truth = rand(2, 3, 32, 32);
        truth[1] = full(new long[] { 3, 32, 32 }, 0.5f);
        using var mask = GdpoRealtime.Trainer.Rewards.RegionSplit.TextureMask(truth);
        var scores = ImageQuality.Measure(truth, truth, mask, 2);
        Assert.That(double.IsNaN(scores[0].SmoothPsnrY), Is.True, "pure noise has no smooth pixels");
        Assert.That(scores[1].SmoothPsnrY, Is.EqualTo(100.0), "a perfect copy of a flat image");
        Assert.That(scores[0].Texture, Is.EqualTo(1.0).Within(1e-6));
        Assert.That(scores[1].Texture, Is.EqualTo(1.0), "no texture to judge");
    }

    [Test]
    public void HeldOutCaptureFramesAreCutIntoTexturedTilesAndScored()
    {
        using var folder = new TempFolder();
        CaptureFolders.Write(folder.Path);
        using var source = new CapturePairSource(CaptureFolder.Open(folder.Path));
        using var all = EvaluationSet.FromHeldOut(source, ScaleFactor.X2, new EvaluationOptions { Tile = 16 });
        Assert.That(all.Items, Has.Count.EqualTo(2 * 16), "two held-out 64x64 frames in 16x16 tiles");
        using var textured = EvaluationSet.FromHeldOut(source, ScaleFactor.X2, new EvaluationOptions { Tile = 16, MinTextureFraction = 0.99, MaxItems = 5 });
        Assert.That(textured.Items, Has.Count.LessThanOrEqualTo(5));
        Assert.That(textured.Items.All(i => i.TextureFraction >= 0.99), Is.True);

        var bicubic = new MethodScores("bicubic", ModelEvaluator.Evaluate(EvaluationMethods.Bicubic(ScaleFactor.X2), all));
        var truth = new MethodScores("ground truth", ModelEvaluator.EvaluateGroundTruth(all));
        Assert.That(bicubic.PsnrY.Mean, Is.InRange(18.0, 50.0));
        Assert.That(bicubic.Texture.Mean, Is.LessThan(truth.Texture.Mean));
        Assert.That(truth.Texture.Mean, Is.EqualTo(1.0).Within(1e-6));
        Assert.That(bicubic.DetailRatio.Mean, Is.LessThan(0.9), "bicubic is blurred");

        string table = new EvaluationReport(all.Description, new[] { bicubic, truth }, "bicubic").Format();
        Assert.That(table, Does.Contain("bicubic").And.Contain("ground truth").And.Contain("±"));
    }
}
