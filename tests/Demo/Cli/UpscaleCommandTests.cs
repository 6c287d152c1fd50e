using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Data;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Demo.Cli;

public class UpscaleCommandTests
{
    private TempFolder folder = null!;
    private string lowRes = null!;

    [SetUp]
    public void MakeLowResInput()
    {
        folder = new TempFolder();
        using var high = ImageTensors.ToTensor(TestImages.Load(TestImages.GameTextures[0]));
        using var low = Degradation.Downscale(high, ScaleFactor.X2, DownscaleKernel.Area);
        lowRes = folder.File("frame.png");
        ImageFile.SavePng(lowRes, ImageTensors.ToImage(low));
    }

    [TearDown]
    public void Clean() => folder.Dispose();

    [Test]
    public void VulkanComputeUpscalesAsTheLibtorchPathDoesWithoutLoadingLibtorch()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("The dynamic loader's trace (LD_DEBUG) that proves no libtorch is loaded is Linux's");
        _ = VulkanTests.Gpu;
        string viaVulkan = folder.File("vulkan.png"), viaTorch = folder.File("torch.png");
        // The loader names every shared library it loads on standard error.
        var trace = new Dictionary<string, string?> { ["LD_DEBUG"] = "files" };
        var vulkan = CliProcess.Run(trace, TimeSpan.FromMinutes(5), "upscale", lowRes, viaVulkan, "--backend", "vulkan-compute", "--noise", "0.7", "--seed", "3");
        Assert.That(vulkan.ExitCode, Is.EqualTo(0), vulkan.Error.Length > 4000 ? vulkan.Error[^4000..] : vulkan.Error);
        Assert.That(vulkan.Output, Does.Contain("vulkan-compute"));
        var loaded = vulkan.Error.Split('\n').Where(l => l.Contains("file=", StringComparison.Ordinal)).ToList();
        Assert.That(loaded, Has.Some.Contains("libvulkan"), "the trace lists the libraries loaded");
        Assert.That(loaded.Where(l => l.Contains("torch", StringComparison.OrdinalIgnoreCase)), Is.Empty, "no libtorch (nor LibTorchSharp) on the vulkan-compute path");

        var torch = CliProcess.Run(trace, TimeSpan.FromMinutes(5), "upscale", lowRes, viaTorch, "--noise", "0.7", "--seed", "3", "--device", "cpu");
        Assert.That(torch.ExitCode, Is.EqualTo(0), torch.Error.Length > 4000 ? torch.Error[^4000..] : torch.Error);
        Assert.That(torch.Error.Split('\n').Where(l => l.Contains("file=", StringComparison.Ordinal)), Has.Some.Contains("libtorch"), "the control: the libtorch path loads it");
        int difference = ImageStatistics.MaxAbsDifference(ImageFile.Load(viaVulkan), ImageFile.Load(viaTorch));
        TestContext.Out.WriteLine($"upscale --backend vulkan-compute against libtorch: max byte difference {difference}");
        Assert.That(difference, Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void UpscalesWithTheBuiltInModelAndWritesASideBySide()
    {
        string output = folder.File("frame-x2.png"), comparison = folder.File("compare.png");
        var result = CliRunner.Run("upscale", lowRes, output, "--side-by-side", comparison, "--device", "cpu");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var image = ImageFile.Load(output);
        Assert.That((image.Width, image.Height), Is.EqualTo((128, 128)));
        var sideBySide = ImageFile.Load(comparison);
        Assert.That(sideBySide.Width, Is.GreaterThan(2 * 128));
        Assert.That(result.Output, Does.Contain("64x64 -> 128x128"));
    }

    [Test]
    public void SameSeedWritesIdenticalFilesAndNoiseZeroIgnoresTheSeed()
    {
        string a = folder.File("a.png"), b = folder.File("b.png"), c = folder.File("c.png"), d = folder.File("d.png");
        Assert.That(CliRunner.Run("upscale", lowRes, a, "--seed", "3").ExitCode, Is.EqualTo(0));
        Assert.That(CliRunner.Run("upscale", lowRes, b, "--seed", "3").ExitCode, Is.EqualTo(0));
        Assert.That(CliRunner.Run("upscale", lowRes, c, "--seed", "3", "--noise", "0").ExitCode, Is.EqualTo(0));
        Assert.That(CliRunner.Run("upscale", lowRes, d, "--seed", "4", "--noise", "0").ExitCode, Is.EqualTo(0));
        Assert.That(File.ReadAllBytes(a), Is.EqualTo(File.ReadAllBytes(b)));
        Assert.That(File.ReadAllBytes(c), Is.EqualTo(File.ReadAllBytes(d)));
    }

    private void AssertRefused(CliRunner.Result result, string output, params string[] mentions)
    {
        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.ErrorLines.Count(l => l.StartsWith("error:", StringComparison.Ordinal)), Is.EqualTo(1), result.Error);
        foreach (var mention in mentions) Assert.That(result.Error, Does.Contain(mention));
        Assert.That(File.Exists(output), Is.False, "no output file may be left behind");
        Assert.That(folder.Files.Where(f => Path.GetFileName(f).StartsWith('.')), Is.Empty, "no temporary file may be left behind");
    }

    [Test]
    public void MissingImageIsRefused()
    {
        string output = folder.File("out.png");
        AssertRefused(CliRunner.Run("upscale", folder.File("missing.png"), output), output, "missing.png", "does not exist");
    }

    [Test]
    public void UnreadableImageIsRefused()
    {
        string input = folder.File("locked.png"), output = folder.File("out.png");
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            Directory.CreateDirectory(input); // root reads any file: a folder in the image's place is unreadable as an image for everyone
        }
        else
        {
            File.Copy(lowRes, input);
            File.SetUnixFileMode(input, UnixFileMode.None);
        }
        AssertRefused(CliRunner.Run("upscale", input, output), output, "locked.png");
    }

    [Test]
    public void UnsupportedFormatIsRefused()
    {
        string input = folder.File("frame.webp"), output = folder.File("out.png");
        File.WriteAllBytes(input, "RIFF\u0000\u0000\u0000\u0000WEBPVP8 "u8.ToArray());
        AssertRefused(CliRunner.Run("upscale", input, output), output, "WebP", "PNG, JPEG, TGA or BMP");
    }

    [Test]
    public void ImageTooSmallForTheScaleIsRefused()
    {
        string input = folder.File("tiny.png"), output = folder.File("out.png");
        ImageFile.SavePng(input, new RgbImage(5, 4));
        AssertRefused(CliRunner.Run("upscale", input, output), output, "5x4", "minimum");
    }

    [Test]
    public void CorruptCheckpointIsRefused()
    {
        string model = folder.File("bad.gdpo"), output = folder.File("out.png");
        File.WriteAllBytes(model, "GDPOSR\r\n\u0001\u0000\u0000\u0000garbage that is not a checkpoint at all, padded out to a plausible length"u8.ToArray());
        AssertRefused(CliRunner.Run("upscale", lowRes, output, "--model", model), output, "bad.gdpo", "corrupt");
    }

    [TestCase("--device", "gpu0", "gpu0")]
    [TestCase("--scale", "7", "Scale")]
    [TestCase("--noise", "2", "Noise strength")]
    [TestCase("--noise", "lots", "lots")]
    public void UnknownOptionValuesAreRefused(string option, string value, string mention)
    {
        string output = folder.File("out.png");
        var result = CliRunner.Run("upscale", lowRes, output, option, value);
        AssertRefused(result, output, mention);
        Assert.That(result.ExitCode, Is.EqualTo(2), "bad usage");
    }

    [Test]
    public void NonPngOutputIsRefused()
    {
        string output = folder.File("out.jpg");
        AssertRefused(CliRunner.Run("upscale", lowRes, output), output, ".png");
    }

    [Test]
    public void MissingOutputFolderIsRefusedBeforeAnyWork()
    {
        string output = folder.File("no-such-folder/out.png");
        AssertRefused(CliRunner.Run("upscale", lowRes, output), output, "does not exist");
    }

    [Test]
    public void TorchLibDirWithoutCudaLibtorchIsRefused()
    {
        string output = folder.File("out.png"), torchLib = folder.File("torchlib");
        Directory.CreateDirectory(torchLib);
        AssertRefused(CliRunner.Run("upscale", lowRes, output, "--torch-lib-dir", torchLib), output, "libtorch_cuda.so");
    }
}
