using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Tests.Runtime.Upscaling;

public class UpscalerDescriptionTests
{
    [TestCase(QualityMode.Quality, 1280, 720)]
    [TestCase(QualityMode.UltraPerformance, 640, 360)]
    public void TheMaximumRenderSizeFollowsTheQualityModeUnlessGiven(QualityMode mode, int width, int height)
    {
        var description = new UpscalerDescription { DisplaySize = new FrameSize(1920, 1080), QualityMode = mode };
        Assert.That(description.ResolvedMaxRenderSize, Is.EqualTo(new FrameSize(width, height)));
        Assert.That((description with { MaxRenderSize = new FrameSize(1000, 500) }).ResolvedMaxRenderSize, Is.EqualTo(new FrameSize(1000, 500)));
    }

    [Test]
    public void DefaultsAreThoseOfTheCommandLine()
    {
        var description = new UpscalerDescription { DisplaySize = new FrameSize(1920, 1080) };
        Assert.That(description.QualityMode, Is.EqualTo(QualityMode.Performance), "x2, the built-in model's own scale");
        Assert.That(description.Precision, Is.EqualTo(Precision.Automatic));
        Assert.That(description.NoiseStrength, Is.EqualTo(1.0));
        Assert.DoesNotThrow(description.Validate);
    }

    [TestCase(0, 100, "Display size")]
    [TestCase(20000, 100, "Display size")]
    public void ImpossibleDisplaySizesAreRefused(int width, int height, string text)
    {
        var error = Assert.Throws<InvalidSettingException>(() => new UpscalerDescription { DisplaySize = new FrameSize(width, height) }.Validate())!;
        Assert.That(error.Message, Does.Contain(text));
    }

    [Test]
    public void UnknownEnumValuesAreRefused()
    {
        var description = new UpscalerDescription { DisplaySize = new FrameSize(256, 256) };
        Assert.Throws<InvalidSettingException>(() => (description with { Precision = (Precision)9 }).Validate());
        Assert.Throws<InvalidSettingException>(() => (description with { QualityMode = (QualityMode)9 }).Validate());
    }
}
