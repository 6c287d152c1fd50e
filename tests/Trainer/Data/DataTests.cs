using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Training;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Data;

public class DataTests
{
    [Test]
    public void PixelDoubledTexturesAreReducedToTheirNativeResolution()
    {
        var native = TestImages.Load(TestImages.GameTextures[0]);
        var doubled = new RgbImage(native.Width * 2, native.Height * 2);
        for (int y = 0; y < doubled.Height; y++)
            for (int x = 0; x < doubled.Width; x++)
                native.Pixels.AsSpan(((y / 2) * native.Width + x / 2) * 3, 3).CopyTo(doubled.Pixels.AsSpan((y * doubled.Width + x) * 3));
        var reduced = ImageShrinker.UndoPixelDoubling(doubled);
        Assert.That(reduced.Pixels, Is.EqualTo(native.Pixels));
        Assert.That(ImageShrinker.UndoPixelDoubling(native), Is.SameAs(native), "a native image is left alone");
    }

    [TestCase(DownscaleKernel.Area)]
    [TestCase(DownscaleKernel.BicubicAntialias)]
    [TestCase(DownscaleKernel.Point)]
    [TestCase(DownscaleKernel.Gaussian)]
    public void EveryKernelHalvesTheFrame(DownscaleKernel kernel)
    {
        using var high = rand(2, 3, 64, 48);
        using var low = Degradation.Downscale(high, ScaleFactor.X2, kernel);
        Assert.That(low.shape, Is.EqualTo(new long[] { 2, 3, 32, 24 }));
        Assert.That(low.min().item<float>(), Is.GreaterThanOrEqualTo(0f));
    }

    [Test]
    public void HeldOutSplitIsStableAndDisjoint()
    {
        var names = Enumerable.Range(0, 400).Select(i => $"frames/{i:D4}.png").ToList();
        var heldOut = names.Where(n => ImageFolder.IsHeldOut(n, 0.1)).ToList();
        Assert.That(heldOut.Count, Is.InRange(20, 60));
        Assert.That(names.Where(n => ImageFolder.IsHeldOut(n, 0.1)), Is.EqualTo(heldOut), "the same on every call");
    }

    [Test]
    public void SyntheticBatchesHaveAlignedShapesAndRepeatFromTheSameSeed()
    {
        var folder = new ImageFolder(TestImages.Folder, heldOutFraction: 0);
        using var source = new SyntheticPairSource(folder, ScaleFactor.X2, DegradationSettings.Clean);
        using var a = source.NextBatch(4, 16, new TrainingRandom(9));
        using var b = source.NextBatch(4, 16, new TrainingRandom(9));
        Assert.That(a.LowRes.shape, Is.EqualTo(new long[] { 4, 3, 16, 16 }));
        Assert.That(a.HighRes.shape, Is.EqualTo(new long[] { 4, 3, 32, 32 }));
        Assert.That(Tensors.BitEqual(a.LowRes, b.LowRes) && Tensors.BitEqual(a.HighRes, b.HighRes), Is.True);
    }

    [Test]
    public void EmptyDataFolderIsRefused()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<ImageInputException>(() => new ImageFolder(folder.Path));
        Assert.That(error!.Message, Does.Contain("holds no PNG"));
    }

    [Test]
    public void UnknownKernelIsRefused()
    {
        Assert.Throws<InvalidSettingException>(() => DegradationSettings.ParseKernels("area,lanczos"));
    }
}
