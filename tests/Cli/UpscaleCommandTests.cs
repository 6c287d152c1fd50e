using System.Diagnostics;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Runtime.Imaging.Decoding;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Data;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Cli;

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
    public void SevenByteTruncatedJpegIsRefusedAtOnce()
    {
        string input = folder.File("cut.jpg"), output = folder.File("out.png");
        File.WriteAllBytes(input, MalformedImageTests.SevenByteJpeg);
        CliRunner.Result? result = null;
        var watch = Stopwatch.StartNew();
        var worker = new Thread(() => result = CliRunner.Run("upscale", input, output)) { IsBackground = true };
        worker.Start();
        Assert.That(worker.Join(TimeSpan.FromSeconds(10)), Is.True, "upscale still runs after 10 s (it used to spin until killed)");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        AssertRefused(result!, output, "cut.jpg", "truncated JPEG", "inside the APP0 segment");
        Assert.That(result!.ExitCode, Is.EqualTo(1));
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1), result.Error);
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

    [TestCase("31")]
    [TestCase("0")]
    [TestCase("-256")]
    [TestCase("big")]
    public void BadTileSidesAreRefused(string tile)
    {
        string output = folder.File("out.png");
        var result = CliRunner.Run("upscale", lowRes, output, "--tile", tile);
        AssertRefused(result, output, tile);
        Assert.That(result.ExitCode, Is.EqualTo(2), "bad usage");
    }

    [Test]
    public void TilesGiveTheWholeImageResult()
    {
        // 64x64 in tiles of 32 (four tiles, each reading its halo from its neighbours) against one tile of the whole image.
        string tiled = folder.File("tiled.png"), whole = folder.File("whole.png");
        var a = CliRunner.Run("upscale", lowRes, tiled, "--tile", "32");
        var b = CliRunner.Run("upscale", lowRes, whole, "--tile", "4096");
        Assert.That((a.ExitCode, b.ExitCode), Is.EqualTo((0, 0)), a.Error + b.Error);
        Assert.That(a.Output, Does.Contain("4 tiles of 32 px"));
        Assert.That(b.Output, Does.Contain("1 tile of 4096 px"));
        Assert.That(ImageFile.Load(tiled).Pixels, Is.EqualTo(ImageFile.Load(whole).Pixels));
    }

    private void AssertRefusedBeforeAnyWork(string[] args, params string[] mentions)
    {
        byte[] before = File.ReadAllBytes(lowRes);
        var stamp = File.GetLastWriteTimeUtc(lowRes);
        var result = CliRunner.Run(args);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1), result.Error);
        foreach (var mention in mentions) Assert.That(result.Error, Does.Contain(mention));
        Assert.That(File.ReadAllBytes(lowRes), Is.EqualTo(before), "the input is untouched");
        Assert.That(File.GetLastWriteTimeUtc(lowRes), Is.EqualTo(stamp));
        Assert.That(folder.Files.Where(f => Path.GetFileName(f).StartsWith('.')), Is.Empty, "no temporary file");
    }

    [Test]
    public void OutputOnTheInputIsRefused()
    {
        AssertRefusedBeforeAnyWork(new[] { "upscale", lowRes, lowRes }, "same file as IN");
        string otherSpelling = Path.Combine(folder.Path, ".", "sub", "..", "frame.png");
        Directory.CreateDirectory(folder.File("sub"));
        AssertRefusedBeforeAnyWork(new[] { "upscale", lowRes, otherSpelling }, "same file as IN");
    }

    [Test]
    public void OutputThatIsTheInputThroughALinkIsRefused()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("Links need privileges on Windows; the identity check itself is the same call.");
        string symlink = folder.File("link.png"), hardLink = folder.File("hard.png"), folderLink = folder.File("again");
        File.CreateSymbolicLink(symlink, lowRes);
        Directory.CreateSymbolicLink(folderLink, folder.Path);
        Assert.That(Link(lowRes, hardLink), Is.EqualTo(0), "ln");
        AssertRefusedBeforeAnyWork(new[] { "upscale", lowRes, symlink }, "same file as IN", "link");
        AssertRefusedBeforeAnyWork(new[] { "upscale", lowRes, hardLink }, "same file as IN");
        AssertRefusedBeforeAnyWork(new[] { "upscale", symlink, Path.Combine(folderLink, "frame.png") }, "same file as IN");
    }

    [Test]
    public void SideBySideOnTheInputOrTheOutputIsRefused()
    {
        string output = folder.File("out.png");
        AssertRefusedBeforeAnyWork(new[] { "upscale", lowRes, output, "--side-by-side", lowRes }, "--side-by-side", "same file as IN");
        Directory.CreateDirectory(folder.File("sub"));
        AssertRefusedBeforeAnyWork(new[] { "upscale", lowRes, output, "--side-by-side", Path.Combine(folder.Path, "sub", "..", "out.png") },
            "--side-by-side", "same file as OUT");
        Assert.That(File.Exists(output), Is.False);
    }

    private static int Link(string existing, string link)
    {
        using var process = System.Diagnostics.Process.Start("ln", new[] { existing, link });
        process.WaitForExit();
        return process.ExitCode;
    }
}
