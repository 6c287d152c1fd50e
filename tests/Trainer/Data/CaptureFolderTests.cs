using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Data.Capture;
using GdpoRealtime.Trainer.Training;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Data;

public class CaptureFolderTests
{
    private TempFolder folder = null!;

    [SetUp]
    public void Create()
    {
        folder = new TempFolder();
        CaptureFolders.Write(folder.Path);
    }

    [TearDown]
    public void Remove() => folder.Dispose();

    [Test]
    public void FramesAreSplitIntoTrainingAndHeldOutByBlocks()
    {
        var capture = CaptureFolder.Open(folder.Path);
        Assert.That(capture.Scale, Is.EqualTo(ScaleFactor.X2));
        Assert.That(capture.HeldOut, Has.Count.EqualTo(2));
        Assert.That(capture.Training, Has.Count.EqualTo(TestImages.All.Count - 2));
        Assert.That(capture.Training.Select(f => f.Index).Intersect(capture.HeldOut.Select(f => f.Index)), Is.Empty);
        Assert.That(capture.HeldOut.All(f => CaptureFolder.IsHeldOut(f with { Index = f.Index + 15 }, 0.1)), Is.True,
            "the whole block of 16 frames is held out together");
    }

    [Test]
    public void AFolderCapturedApartCanBeHeldOutWhole()
    {
        var capture = CaptureFolder.Open(folder.Path, heldOutFraction: 1);
        Assert.That(capture.HeldOut, Has.Count.EqualTo(TestImages.All.Count), "every frame is scored");
        Assert.That(capture.Training, Is.Empty, "and none is left for training");
        Assert.Throws<GdpoRealtime.Runtime.Errors.InvalidSettingException>(() => CaptureFolder.Open(folder.Path, heldOutFraction: 1.5));
    }

    [Test]
    public void CropsOfLowResAndGroundTruthCoverTheSameArea()
    {
        using var source = new CapturePairSource(CaptureFolder.Open(folder.Path));
        using var batch = source.NextBatch(6, 16, new TrainingRandom(3));
        Assert.That(batch.LowRes.shape, Is.EqualTo(new long[] { 6, 3, 16, 16 }));
        Assert.That(batch.HighRes.shape, Is.EqualTo(new long[] { 6, 3, 32, 32 }));
        // The low-res frames were made by box-filtering the ground truth: re-filtering the ground-truth crop must give the low-res crop.
        using var reduced = ImageMetrics.Quantise(Degradation.Downscale(batch.HighRes, ScaleFactor.X2, DownscaleKernel.Area));
        Assert.That(Tensors.MaxAbsDifference(reduced, batch.LowRes), Is.LessThan(1.0 / 255 + 1e-6));
        using var again = source.NextBatch(6, 16, new TrainingRandom(3));
        Assert.That(Tensors.BitEqual(again.HighRes, batch.HighRes), Is.True, "the same seed draws the same crops");
    }

    [Test]
    public void TexturedCropsAreTexturedAndHeldOutFramesAreWhole()
    {
        using var source = new CapturePairSource(CaptureFolder.Open(folder.Path), minTextureFraction: 0.9);
        using var batch = source.NextBatch(8, 16, new TrainingRandom(4));
        using var mask = GdpoRealtime.Trainer.Rewards.RegionSplit.TextureMask(batch.HighRes);
        using var fractions = GdpoRealtime.Trainer.Rewards.RegionSplit.TextureFraction(mask);
        Assert.That(fractions.mean().item<float>(), Is.GreaterThan(0.8f));
        var heldOut = source.HeldOut(1024);
        Assert.That(heldOut, Has.Count.EqualTo(2));
        Assert.That(heldOut[0].HighRes.shape, Is.EqualTo(new long[] { 1, 3, 128, 128 }));
        Assert.That(heldOut[0].Name, Does.StartWith("truth/"));
        foreach (var pair in heldOut) pair.Dispose();
    }

    [Test]
    public void PairSourcesRecogniseACaptureFolderAndItsScale()
    {
        using var opened = PairSources.Open(folder.Path, null, new DataOptions(), NullLogger.Instance);
        Assert.That(opened.Source, Is.InstanceOf<CapturePairSource>());
        Assert.That(opened.Scale, Is.EqualTo(ScaleFactor.X2));
        var error = Assert.Throws<InvalidSettingException>(() => PairSources.Open(folder.Path, new ScaleFactor(3, 1), new DataOptions(), NullLogger.Instance));
        Assert.That(error!.Message, Does.Contain("x2").And.Contain("x3"));
    }

    [Test]
    public void MissingFrameIsNamed()
    {
        File.Delete(Path.Combine(folder.Path, "truth", Directory.GetFiles(Path.Combine(folder.Path, "truth"))[0]));
        var error = Assert.Throws<ImageInputException>(() => CaptureFolder.Open(folder.Path));
        Assert.That(error!.Message, Does.Contain("lacks").And.Contain("truth/"));
    }

    [Test]
    public void FrameOfTheWrongSizeIsNamed()
    {
        string first = Directory.GetFiles(Path.Combine(folder.Path, "lowres")).Order().First();
        ImageFile.SavePng(first, new RgbImage(60, 64));
        var error = Assert.Throws<ImageInputException>(() => new CapturePairSource(CaptureFolder.Open(folder.Path)));
        Assert.That(error!.Message, Does.Contain("60x64").And.Contain("64x64"));
    }

    [TestCase("{ not json", "not a valid manifest")]
    [TestCase("{\"format\":\"something-else\",\"version\":1,\"rendererVersion\":\"r\",\"scale\":\"2/1\",\"lowResWidth\":64,\"lowResHeight\":64,\"width\":128,\"height\":128,\"supersampleCount\":4,\"frames\":[]}", "something-else")]
    [TestCase("{\"format\":\"gdpo-capture\",\"version\":9,\"rendererVersion\":\"r\",\"scale\":\"2/1\",\"lowResWidth\":64,\"lowResHeight\":64,\"width\":128,\"height\":128,\"supersampleCount\":4,\"frames\":[]}", "Upgrade")]
    [TestCase("{\"format\":\"gdpo-capture\",\"version\":1,\"rendererVersion\":\"r\",\"scale\":\"2/1\",\"lowResWidth\":64,\"lowResHeight\":64,\"width\":100,\"height\":128,\"supersampleCount\":4,\"frames\":[]}", "not scale 2/1")]
    [TestCase("{\"format\":\"gdpo-capture\",\"version\":1,\"rendererVersion\":\"r\",\"scale\":\"7/5\",\"lowResWidth\":64,\"lowResHeight\":64,\"width\":128,\"height\":128,\"supersampleCount\":4,\"frames\":[]}", "7/5")]
    [TestCase("{\"format\":\"gdpo-capture\",\"version\":1,\"rendererVersion\":\"r\",\"scale\":\"2/1\",\"lowResWidth\":64,\"lowResHeight\":64,\"width\":128,\"height\":128,\"supersampleCount\":4,\"frames\":[]}", "holds no frames")]
    public void BadManifestIsRefusedWithTheCause(string json, string mention)
    {
        File.WriteAllText(Path.Combine(folder.Path, CaptureManifest.FileName), json);
        var error = Assert.Throws<ImageInputException>(() => CaptureFolder.Open(folder.Path));
        Assert.That(error!.Message, Does.Contain(mention));
    }

    [Test]
    public void HeldApartFramesAreRefusedForTrainingAndOpenForEvaluation()
    {
        var manifest = CaptureFolders.Write(folder.Path);
        var frames = manifest.Frames.Select((f, i) => f with { Scene = i == 3 ? CaptureManifest.HeldApartScenePrefix + "harbour" : "courtyard" }).ToList();
        CaptureFolders.SaveManifest(folder.Path, manifest with { Frames = frames });
        var error = Assert.Throws<InvalidSettingException>(() => PairSources.Open(folder.Path, null, new DataOptions(), NullLogger.Instance))!;
        Assert.That(error.Message, Does.Contain("heldout-harbour").And.Contain("never trained on").And.Contain("score models on this folder").And.Not.Contain("--"), "library errors name no flags");
        using var evaluation = PairSources.Open(folder.Path, null, new DataOptions { LoadTraining = false, HeldOutFraction = 1 }, NullLogger.Instance);
        Assert.That(evaluation.Source.HeldOut(64), Has.Count.EqualTo(TestImages.All.Count), "evaluation scores every pair of it");
    }
}
