using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Tests.Runtime.Upscaling;

public class QualityModeTests
{
    [TestCase(QualityMode.Quality, 1280, 720)]
    [TestCase(QualityMode.Balanced, 1129, 635)]
    [TestCase(QualityMode.Performance, 960, 540)]
    [TestCase(QualityMode.UltraPerformance, 640, 360)]
    public void RenderSizesFollowTheFsr2Ratios(QualityMode mode, int width, int height)
    {
        Assert.That(QualityModes.RenderSize(new FrameSize(1920, 1080), mode), Is.EqualTo(new FrameSize(width, height)));
    }

    [Test]
    public void UnknownModeNameIsRefused()
    {
        Assert.Throws<InvalidSettingException>(() => QualityModes.Parse("cinematic"));
    }
}
