using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Tests.Cli;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Demo.Viewer;

/// <summary>The viewer in a real window (Xvfb on CI: scripts/test.sh runs the suite under xvfb-run).</summary>
public class LiveViewerTests
{
    private TempFolder folder = null!;

    [SetUp]
    public void Create()
    {
        _ = VulkanTests.Gpu;
        folder = new TempFolder();
    }

    [TearDown]
    public void Clean() => folder.Dispose();

    [Test]
    public void PresentsFramesAndItsScreenshotShowsTheSplitView()
    {
        VulkanTests.RequireDisplay();
        string screenshot = folder.File("viewer.png");
        var result = CliRunner.Run("demo", "--window", "--frames", "3", "--size", "128x72", "--texture-size", "64", "--step", "0.5",
            "--left", "native", "--right", "bilinear", "--screenshot", screenshot, "--out", folder.File("out"));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("3 frame(s)").And.Contain("frame"));
        var image = ImageFile.Load(screenshot);
        Assert.That((image.Width, image.Height), Is.EqualTo((128, 72)));
        double spread = ImageStatistics.StandardDeviation(image);
        TestContext.Out.WriteLine($"screenshot: {ImageStatistics.DistinctColours(image)} colours, standard deviation {spread:F1}");
        Assert.That(spread, Is.GreaterThan(10), "not blank");
        Assert.That(ImageStatistics.DistinctColours(image), Is.GreaterThan(300), "a rendered scene, not a cleared window");
        // The divider is drawn in white at the middle of the window, with a dark outline.
        int whiteRows = Enumerable.Range(0, 72).Count(y => image.Row(y).Slice(64 * 3, 3).ToArray().All(v => v > 240));
        Assert.That(whiteRows, Is.GreaterThan(36), "the split view's divider is visible");
    }

    [Test]
    public void WithoutADisplayTheDemoRunsHeadlessAndTheWindowIsRefused()
    {
        string? display = Environment.GetEnvironmentVariable("DISPLAY"), wayland = Environment.GetEnvironmentVariable("WAYLAND_DISPLAY");
        try
        {
            Environment.SetEnvironmentVariable("DISPLAY", null);
            Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", null);
            var refused = CliRunner.Run("demo", "--window", "--frames", "1", "--size", "128x72", "--texture-size", "64", "--out", folder.File("out"));
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Error, Does.Contain("no display").And.Contain("--headless"));

            var fallback = CliRunner.Run("demo", "--frames", "1", "--size", "128x72", "--texture-size", "64", "--out", folder.File("out"), "--device", "cpu");
            Assert.That(fallback.ExitCode, Is.EqualTo(0), fallback.Error);
            Assert.That(File.Exists(folder.File("out/comparison.png")), Is.True, "the headless demo ran instead");
        }
        finally
        {
            Environment.SetEnvironmentVariable("DISPLAY", display);
            Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", wayland);
        }
    }
}
