using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Runtime.Upscaling;

/// <summary>Quality modes other than the model's own scale run the same network and resample; the upscaler says so once.</summary>
public class ResamplingNoticeTests
{
    private static readonly FrameSize Display = new(1920, 1080);

    [Test]
    public void PerformanceModeWithTheX2ModelNeedsNoResampling() =>
        Assert.That(ResamplingNotice.Describe(ScaleFactor.X2, QualityModes.RenderSize(Display, QualityMode.Performance), Display), Is.Null);

    [Test]
    public void QualityModeShrinksTheX2OutputWithTheAreaFilter()
    {
        string? notice = ResamplingNotice.Describe(ScaleFactor.X2, QualityModes.RenderSize(Display, QualityMode.Quality), Display);
        Assert.That(notice, Does.Contain("Render 1280x720 -> display 1920x1080 is x1.5, not the model's x2"));
        Assert.That(notice, Does.Contain("upscales to 2560x1440").And.Contain("area filter"));
    }

    [Test]
    public void UltraPerformanceModeEnlargesTheX2OutputBicubically()
    {
        string? notice = ResamplingNotice.Describe(ScaleFactor.X2, QualityModes.RenderSize(Display, QualityMode.UltraPerformance), Display);
        Assert.That(notice, Does.Contain("is x3, not the model's x2").And.Contain("upscales to 1280x720").And.Contain("bicubic"));
    }

    [Test]
    public void TheHostUpscalerLogsItAtCreation()
    {
        var logger = new RecordingLogger();
        using var upscaler = HostUpscaler.Create(new UpscalerDescription
        {
            DisplaySize = new FrameSize(96, 96), QualityMode = QualityMode.Quality, Model = TestFrames.X2,
            Device = DevicePreference.Cpu, Logger = logger,
        });
        Assert.That(logger.Lines, Has.One.Contains("Render 64x64 -> display 96x96 is x1.5, not the model's x2"));
    }
}
