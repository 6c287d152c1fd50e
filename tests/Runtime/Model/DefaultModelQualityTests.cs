using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Data;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Runtime.Model;

/// <summary>
/// The built-in model against bicubic on real photographs and game textures it never saw in training
/// (tests/Images): each 128x128 image is halved with a box filter, upscaled back, and scored on PSNR-Y.
/// </summary>
public class DefaultModelQualityTests
{
    private static NoiseAwareOneStepModel? model;

    [OneTimeSetUp]
    public void LoadDefault()
    {
        model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        model.Network.eval();
    }

    [OneTimeTearDown]
    public void Release() => model?.Dispose();

    private static (double Ours, double Bicubic) MeanPsnrY(IReadOnlyList<string> files, double noise)
    {
        using var field = new NoiseField(0, noise);
        var upscaler = new ImageInference(model!, field);
        double ours = 0, bicubic = 0;
        foreach (var file in files)
        {
            using var scope = NewDisposeScope();
            var high = ImageTensors.ToTensor(TestImages.Load(file));
            var low = ImageMetrics.Quantise(Degradation.Downscale(high, ScaleFactor.X2, DownscaleKernel.Area));
            double o = ImageMetrics.PsnrY(upscaler.Upscale(low), high, 2);
            double b = ImageMetrics.PsnrY(ImageInference.Bicubic(low, ScaleFactor.X2), high, 2);
            TestContext.Out.WriteLine($"{Path.GetFileName(file),-28} noise {noise}: ours {o:F2} dB, bicubic {b:F2} dB ({o - b:+0.00;-0.00} dB)");
            ours += o;
            bicubic += b;
        }
        return (ours / files.Count, bicubic / files.Count);
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    public void BeatsBicubicOnPhotographs(double noise)
    {
        Assert.That(TestImages.Photographs, Has.Count.GreaterThanOrEqualTo(4));
        var (ours, bicubic) = MeanPsnrY(TestImages.Photographs, noise);
        TestContext.Out.WriteLine($"photographs: ours {ours:F2} dB, bicubic {bicubic:F2} dB");
        Assert.That(ours, Is.GreaterThan(bicubic));
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    public void BeatsBicubicOnGameTextures(double noise)
    {
        Assert.That(TestImages.GameTextures, Has.Count.GreaterThanOrEqualTo(4));
        var (ours, bicubic) = MeanPsnrY(TestImages.GameTextures, noise);
        TestContext.Out.WriteLine($"game textures: ours {ours:F2} dB, bicubic {bicubic:F2} dB");
        Assert.That(ours, Is.GreaterThan(bicubic));
    }

    [Test]
    public void ShipsWithItsTrainingRecord()
    {
        var record = DefaultModels.Load(ScaleFactor.X2).Training;
        Assert.That(record.Stage, Is.Not.EqualTo("init"));
        Assert.That(record.Steps, Is.GreaterThan(0));
        Assert.That(record.Command, Does.StartWith("gdpo-sr train"));
    }
}
