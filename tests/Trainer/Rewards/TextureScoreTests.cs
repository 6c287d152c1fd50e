using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Rewards;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Rewards;

/// <summary>
/// The reward's texture term on the real game textures of tests/Images: it must reward real detail
/// (rise from blurred to sharp, fall with noise or ringing) and credit plausible detail that does not
/// match the ground truth pixel for pixel (a shifted or re-synthesised copy).
/// </summary>
[TestFixtureSource(nameof(Textures))]
public class TextureScoreTests(string file)
{
    public static IEnumerable<string> Textures => TestImages.GameTextures.Select(Path.GetFileName)!;

    private Tensor truth = null!;
    private Tensor mask = null!;

    [OneTimeSetUp]
    public void Load()
    {
        truth = ImageTensors.ToTensor(TestImages.Load(Path.Combine(TestImages.Folder, file)));
        mask = RegionSplit.TextureMask(truth);
    }

    [OneTimeTearDown]
    public void Release()
    {
        truth.Dispose();
        mask.Dispose();
    }

    private double Score(Tensor image) => TextureScore.Compute(image, truth, mask).item<float>();

    private double Psnr(Tensor image) => ImageMetrics.PsnrY(image, truth, 4);

    [Test]
    public void GroundTruthScoresOne()
    {
        Assert.That(Score(truth), Is.EqualTo(1.0).Within(1e-6));
    }

    [Test]
    public void RisesFromBlurredToSharp()
    {
        using var low = Degradation.Downscale(truth, ScaleFactor.X2, DownscaleKernel.Area);
        using var bicubic = ImageInference.Bicubic(low, ScaleFactor.X2).clamp(0.0, 1.0);
        using var blurred = Degraded.Blurred(truth, 1.0);
        using var blurredMore = Degraded.Blurred(truth, 2.0);
        double sharp = Score(truth), upscaled = Score(bicubic), soft = Score(blurred), softer = Score(blurredMore);
        TestContext.Out.WriteLine($"{file}: blur 2 {softer:F3} < blur 1 {soft:F3} < sharp {sharp:F3}; bicubic x2 {upscaled:F3}");
        Assert.That(softer, Is.LessThan(soft - 0.05));
        Assert.That(soft, Is.LessThan(sharp - 0.1));
        Assert.That(upscaled, Is.LessThan(sharp - 0.05));

        // Not only against the ground truth itself: a sharp re-synthesised copy beats its own blurred version.
        using var copy = Degraded.Resynthesised(truth);
        using var blurredCopy = Degraded.Blurred(copy, 1.0);
        Assert.That(Score(blurredCopy), Is.LessThan(Score(copy) - 0.1));
    }

    [Test]
    public void FallsWhenNoiseIsAdded()
    {
        using var noisy = Degraded.WithNoise(truth, 0.1, 3);
        using var copy = Degraded.Resynthesised(truth);
        using var noisyCopy = Degraded.WithNoise(copy, 0.1, 4);
        TestContext.Out.WriteLine($"{file}: noise {Score(noisy):F3}, re-synthesised {Score(copy):F3} -> with noise {Score(noisyCopy):F3}");
        Assert.That(Score(noisy), Is.LessThan(0.995));
        Assert.That(Score(noisyCopy), Is.LessThan(Score(copy) - 0.005));
    }

    [Test]
    public void FallsWhenRingingIsAdded()
    {
        using var ringing = Degraded.WithRinging(truth);
        using var copy = Degraded.Resynthesised(truth);
        using var ringingCopy = Degraded.WithRinging(copy);
        TestContext.Out.WriteLine($"{file}: ringing {Score(ringing):F3}, re-synthesised {Score(copy):F3} -> with ringing {Score(ringingCopy):F3}");
        Assert.That(Score(ringing), Is.LessThan(0.95));
        Assert.That(Score(ringingCopy), Is.LessThan(Score(copy) - 0.03));
    }

    [Test]
    public void ShiftedOrResynthesisedCopyScoresCloseToTheOriginalThoughItsPsnrCollapses()
    {
        using var low = Degradation.Downscale(truth, ScaleFactor.X2, DownscaleKernel.Area);
        using var bicubic = ImageInference.Bicubic(low, ScaleFactor.X2).clamp(0.0, 1.0);
        using var shifted = Degraded.Shifted(truth, 3, 2);
        using var copy = Degraded.Resynthesised(truth);
        TestContext.Out.WriteLine($"{file}: shifted {Score(shifted):F3} ({Psnr(shifted):F1} dB), re-synthesised {Score(copy):F3} ({Psnr(copy):F1} dB), bicubic {Score(bicubic):F3} ({Psnr(bicubic):F1} dB)");
        Assert.That(Score(shifted), Is.GreaterThan(0.92));
        Assert.That(Score(copy), Is.GreaterThan(0.9));
        Assert.That(Score(shifted), Is.GreaterThan(Score(bicubic) + 0.15), "plausible detail out of place beats missing detail");
        Assert.That(Psnr(shifted), Is.LessThan(Psnr(bicubic) - 5), "while a pixel-aligned measure says the opposite");
        Assert.That(Psnr(copy), Is.LessThan(Psnr(bicubic) - 5));
    }

    [Test]
    public void DetailRatioTellsBlurFromNoise()
    {
        using var blurred = Degraded.Blurred(truth, 1.0);
        using var noisy = Degraded.WithNoise(truth, 0.1, 3);
        Assert.That(TextureScore.DetailRatio(blurred, truth, mask).item<float>(), Is.LessThan(0.7f));
        Assert.That(TextureScore.DetailRatio(noisy, truth, mask).item<float>(), Is.GreaterThan(1.02f));
        Assert.That(TextureScore.DetailRatio(truth, truth, mask).item<float>(), Is.EqualTo(1f).Within(1e-5));
    }
}
