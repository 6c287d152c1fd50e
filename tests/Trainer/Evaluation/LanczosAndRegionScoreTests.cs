using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Rewards;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Evaluation;

public class LanczosAndRegionScoreTests
{
    [Test]
    public void LanczosKeepsConstantsAndRampsAndBeatsBicubicOnPhotographs()
    {
        using var flat = full(1, 3, 9, 11, 0.3f);
        using var up = Lanczos.Resize(flat, 18, 22);
        Assert.That((up - 0.3f).abs().max().item<float>(), Is.LessThan(1e-6), "weights sum to 1");
        var rows = Lanczos.Weights(9, 18);
        Assert.That(rows.sum(1).sub(1).abs().max().item<float>(), Is.LessThan(1e-6));

        // On real photographs, Lanczos-3 restores a box-halved image better than bicubic (its sharper kernel).
        double lanczos = 0, bicubic = 0;
        foreach (var file in TestImages.Photographs)
        {
            using var truth = ImageTensors.ToTensor(TestImages.Load(file));
            using var low = Degradation.Downscale(truth, ScaleFactor.X2, DownscaleKernel.BicubicAntialias);
            using var l = Lanczos.Resize(low, (int)truth.shape[2], (int)truth.shape[3]);
            using var b = GdpoRealtime.Runtime.Upscaling.ImageInference.Bicubic(low, ScaleFactor.X2);
            lanczos += ImageMetrics.PsnrY(l, truth, 4);
            bicubic += ImageMetrics.PsnrY(b, truth, 4);
        }
        TestContext.Out.WriteLine($"mean PSNR-Y: lanczos {lanczos / TestImages.Photographs.Count:F2}, bicubic {bicubic / TestImages.Photographs.Count:F2}");
        Assert.That(lanczos, Is.GreaterThan(bicubic));
    }

    [Test]
    public void TextureRegionScoresFallWithBlurAndNoiseAndIgnoreSmoothPixels()
    {
        using var truth = ImageTensors.ToTensor(TestImages.Load(TestImages.GameTextures[0]));
        using var mask = RegionSplit.TextureMask(truth);
        using var blurred = Degraded.Blurred(truth, 1.5);
        using var noisy = Degraded.WithNoise(truth, 0.05, 2);
        double Gms(Tensor t) => RegionScores.GradientMagnitudeSimilarity(ImageMetrics.Quantise(t), ImageMetrics.Quantise(truth), mask, 4)[0];
        Assert.Multiple(() =>
        {
            Assert.That(Gms(truth), Is.EqualTo(1.0).Within(1e-12));
            Assert.That(Gms(blurred), Is.LessThan(0.95));
            Assert.That(Gms(noisy), Is.LessThan(0.97));
            Assert.That(RegionScores.MeanSquaredErrorY(truth, truth, mask, 4)[0], Is.Zero);
        });
        // Damage confined to smooth pixels leaves the texture-region scores untouched.
        using var smoothOnly = truth.clone();
        using (no_grad()) smoothOnly.add_((mask.neg().add(1.0) * 0.2).expand_as(truth));
        Assert.That(RegionScores.MeanSquaredErrorY(smoothOnly, truth, mask, 0)[0], Is.Zero);
        Assert.That(RegionScores.GradientMagnitudeSimilarity(smoothOnly, truth, mask, 0)[0], Is.GreaterThan(0.97), "only edges at the region border change");
    }

    [Test]
    public void TheSeedSummaryGivesMeanAndSpreadOverSeedsAndTheGapOverTheControls()
    {
        ImageQuality Q(double psnr, double texture) => new(psnr, 0.9, 40, texture, 0.8, 0.9) { TexturePsnrY = psnr - 3, TextureGms = 0.9 };
        MethodScores M(string name, double psnr, double texture) => new(name, new[] { Q(psnr, texture), Q(psnr, texture) });
        var report = new EvaluationReport("set", new[]
        {
            M("stage1", 30, 0.90), M("gdpo-s1", 30.1, 0.93), M("gdpo-s2", 30.3, 0.95),
            M("shuffled-s1", 30.0, 0.90), M("shuffled-s2", 30.2, 0.91),
        }, "stage1");
        string seeds = report.FormatSeeds();
        TestContext.Out.WriteLine(seeds);
        Assert.Multiple(() =>
        {
            Assert.That(seeds, Does.Contain("gdpo").And.Contain("shuffled"));
            Assert.That(seeds, Does.Contain("30.20 ± 0.14"), "gdpo's PSNR-Y: mean 30.2, SD 0.141");
            // texture score: gdpo 0.94, shuffled 0.905 with SD 0.00707: gap (0.94 - 0.905) / 0.00707 = +4.9
            Assert.That(seeds, Does.Contain("gap of gdpo over shuffled").And.Contain("texture score +4.9"));
            Assert.That(report.Format(), Does.Contain("texture GMS").And.Contain("texture PSNR-Y dB"));
        });
    }
}
