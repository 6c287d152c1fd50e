using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Tests.Cli;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Demo.Headless;

/// <summary>gdpo-sr demo without a window, at 64x36 -> 128x72 with small textures and the built-in model on the CPU.</summary>
public class HeadlessDemoTests
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
    public void WritesFramesAComparisonAndTimings()
    {
        string output = folder.File("out");
        var result = CliRunner.Run("demo", "--headless", "--frames", "2", "--size", "128x72", "--texture-size", "64", "--out", output, "--device", "cpu");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        foreach (var (name, width) in new[] { ("lowres", 64), ("bilinear", 128), ("model", 128), ("native", 128) })
            for (int frame = 0; frame < 2; frame++)
            {
                var image = ImageFile.Load(Path.Combine(output, "frames", $"{frame:D4}-{name}.png"));
                Assert.That((image.Width, image.Height), Is.EqualTo((width, width * 36 / 64)), $"{frame} {name}");
            }
        var comparison = ImageFile.Load(Path.Combine(output, "comparison.png"));
        Assert.That(comparison.Width, Is.GreaterThan(4 * 128), "four labelled panels side by side");
        Assert.That(comparison.Height, Is.GreaterThan(2 * 72), "full frames and enlarged crops");
        Assert.That(File.ReadAllLines(Path.Combine(output, "timings.csv")), Has.Length.EqualTo(3));
        Assert.That(result.Output, Does.Contain("median").And.Contain("upscale model").And.Contain("render native GT"));

        var bilinear = ImageFile.Load(Path.Combine(output, "frames", "0001-bilinear.png"));
        var model = ImageFile.Load(Path.Combine(output, "frames", "0001-model.png"));
        var native = ImageFile.Load(Path.Combine(output, "frames", "0001-native.png"));
        Assert.That(model.Pixels, Is.Not.EqualTo(bilinear.Pixels), "the model does its own work");
        TestContext.Out.WriteLine($"PSNR vs native: bilinear {ImageStatistics.Psnr(bilinear, native):F2} dB, model {ImageStatistics.Psnr(model, native):F2} dB");
        Assert.That(folder.Files.Where(f => Path.GetFileName(f).StartsWith('.')), Is.Empty, "no temporary files left");
    }

    [Test]
    public void TheBuiltInModelRunsThroughVulkanComputeAsThroughHostStaging()
    {
        string viaCompute = folder.File("compute"), viaStaging = folder.File("staging");
        string[] common = { "demo", "--headless", "--frames", "2", "--size", "128x72", "--texture-size", "64", "--device", "cpu", "--noise", "0.8" };
        var compute = CliRunner.Run(common.Concat(new[] { "--out", viaCompute, "--backend", "vulkan-compute", "--precision", "float32" }).ToArray());
        Assert.That(compute.ExitCode, Is.EqualTo(0), compute.Error);
        Assert.That(compute.Output, Does.Contain("model upscaler: vulkan-compute").And.Contain("float32"), "the log names backend and precision");
        var staging = CliRunner.Run(common.Concat(new[] { "--out", viaStaging, "--backend", "host-staging" }).ToArray());
        Assert.That(staging.ExitCode, Is.EqualTo(0), staging.Error);
        for (int frame = 0; frame < 2; frame++)
        {
            var a = ImageFile.Load(Path.Combine(viaCompute, "frames", $"{frame:D4}-model.png"));
            var b = ImageFile.Load(Path.Combine(viaStaging, "frames", $"{frame:D4}-model.png"));
            int difference = ImageStatistics.MaxAbsDifference(a, b);
            TestContext.Out.WriteLine($"frame {frame}: vulkan-compute against host staging, max byte difference {difference}");
            Assert.That(difference, Is.LessThanOrEqualTo(1), "the same model output within one level (float32, another summation order)");
        }
    }

    [TestCase("--left", "sharpest")]
    [TestCase("--right", "fsr")]
    public void AnUnknownModeIsRefused(string option, string mode)
    {
        var result = CliRunner.Run("demo", "--headless", "--frames", "1", "--out", folder.File("out"), option, mode);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.Error, Does.Contain(mode).And.Contain("bilinear, model, native"));
        Assert.That(Directory.Exists(folder.File("out")), Is.False, "refused before any work");
    }

    [TestCase("--precision", "float8", "auto, float32 or float16")]
    [TestCase("--backend", "metal", "vulkan-compute")]
    public void AnUnknownPrecisionOrBackendIsRefused(string option, string value, string fix)
    {
        var result = CliRunner.Run("demo", "--headless", "--frames", "1", "--out", folder.File("out"), option, value);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.Error, Does.Contain(value).And.Contain(fix));
        Assert.That(Directory.Exists(folder.File("out")), Is.False, "refused before any work");
    }

    [Test]
    public void HeadlessAndWindowTogetherAreRefused()
    {
        var result = CliRunner.Run("demo", "--headless", "--window", "--out", folder.File("out"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--headless and --window"));
    }

    [Test]
    public void AnUnwritableOutputFolderIsRefused()
    {
        File.WriteAllText(folder.File("file"), "x");
        var result = CliRunner.Run("demo", "--headless", "--frames", "1", "--size", "128x72", "--texture-size", "64", "--out", folder.File("file/out"));
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("cannot be written"));
    }
}
