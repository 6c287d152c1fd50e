using System.Diagnostics;
using System.Text.Json;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Tests.Cli;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Data.Capture;

namespace GdpoRealtime.Tests.Demo.Capture;

/// <summary>gdpo-sr capture at 64x36 -> 128x72 with small textures, on the machine's Vulkan driver (lavapipe on CI).</summary>
public class CaptureCommandTests
{
    private TempFolder folder = null!;

    private static readonly string[] Small = { "--size", "128x72", "--texture-size", "64" };

    [SetUp]
    public void Create()
    {
        _ = VulkanTests.Gpu; // skipped (or failed on CI) without Vulkan
        folder = new TempFolder();
    }

    [TearDown]
    public void Clean() => folder.Dispose();

    private string Dir => folder.File("capture");

    private static CliRunner.Result Capture(params string[] args) => CliRunner.Run(new[] { "capture" }.Concat(args).ToArray());

    private CaptureManifest Manifest(string? dir = null) =>
        JsonSerializer.Deserialize<CaptureManifest>(File.ReadAllBytes(Path.Combine(dir ?? Dir, CaptureManifest.FileName)), CaptureManifest.Json)!;

    private static void AssertPairsMatchManifest(string dir, CaptureManifest manifest)
    {
        foreach (var frame in manifest.Frames)
        {
            var lowRes = ImageFile.Load(Path.Combine(dir, frame.LowRes));
            var truth = ImageFile.Load(Path.Combine(dir, frame.Truth));
            Assert.That((lowRes.Width, lowRes.Height), Is.EqualTo((manifest.LowResWidth, manifest.LowResHeight)), frame.LowRes);
            Assert.That((truth.Width, truth.Height), Is.EqualTo((manifest.Width, manifest.Height)), frame.Truth);
        }
        var named = manifest.Frames.SelectMany(f => new[] { f.LowRes, f.Truth }).Select(p => Path.GetFullPath(Path.Combine(dir, p))).ToHashSet();
        var onDisk = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != CaptureManifest.FileName).ToHashSet();
        Assert.That(onDisk, Is.EquivalentTo(named), "the folder holds exactly the files the manifest names: no temporaries, no half pairs");
    }

    [Test]
    public void CapturedPairsMatchTheManifest()
    {
        var result = Capture(new[] { "--frames", "3", "--out", Dir, "--interval", "0.75", "--jitter" }.Concat(Small).ToArray());
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("pairs/min"));
        var manifest = Manifest();
        Assert.Multiple(() =>
        {
            Assert.That(manifest.Format, Is.EqualTo(CaptureManifest.FormatName));
            Assert.That(manifest.Version, Is.EqualTo(CaptureManifest.CurrentVersion));
            Assert.That(manifest.RendererVersion, Does.Contain("renderer"));
            Assert.That(manifest.Frames.Select(f => f.Scene), Is.All.EqualTo("courtyard"));
            Assert.That(manifest.Frames.Select(f => f.Textures), Is.All.EqualTo("procedural"));
            Assert.That(manifest.Frames.Select(f => f.Jittered), Is.All.True);
            Assert.That(manifest.Plan!.Jitter, Is.EqualTo("on"));
            Assert.That(manifest.Scale, Is.EqualTo("2/1"));
            Assert.That((manifest.LowResWidth, manifest.LowResHeight, manifest.Width, manifest.Height), Is.EqualTo((64, 36, 128, 72)));
            Assert.That(manifest.SupersampleCount, Is.EqualTo(4));
            Assert.That(manifest.Frames.Select(f => f.Index), Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(manifest.Frames.Select(f => f.Time), Is.EqualTo(new[] { 0, 0.75, 1.5 }).Within(1e-9));
            Assert.That(manifest.Frames.Select(f => f.LowRes), Is.EqualTo(new[] { "lowres/000000.png", "lowres/000001.png", "lowres/000002.png" }));
            for (int i = 0; i < 3; i++)
            {
                var jitter = Jitter.ForFrame(i, 2);
                Assert.That(manifest.Frames[i].Jitter, Is.EqualTo(new[] { jitter.X, jitter.Y }), $"jitter of pair {i}");
                var path = CourtyardScene.Create().CameraPaths[manifest.Frames[i].CameraPath!.Value];
                Assert.That(manifest.Frames[i].CameraPath, Is.EqualTo(i % 3), "consecutive pairs take turns on the scene's paths");
                var camera = path.At(manifest.Frames[i].Time);
                Assert.That(manifest.Frames[i].Camera.Position, Is.EqualTo(new[] { camera.Position.X, camera.Position.Y, camera.Position.Z }));
            }
        });
        AssertPairsMatchManifest(Dir, manifest);
    }

    [Test]
    public void AKilledCaptureResumesAndEndsAsIfNeverInterrupted()
    {
        using (var process = Process.Start(CliProcess.StartInfo(null, new[] { "capture", "--frames", "400", "--out", Dir }.Concat(Small).ToArray()))!)
        {
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                if (File.Exists(Path.Combine(Dir, CaptureManifest.FileName)) && TryCount() >= 2) break;
                Thread.Sleep(20);
            }
            Assert.That(process.HasExited, Is.False, "the capture was still running when killed");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        int kept = Manifest().Frames.Count;
        TestContext.Out.WriteLine($"killed with {kept} complete pair(s)");
        int total = kept + 2;
        var resumed = Capture(new[] { "--frames", total.ToString(), "--out", Dir }.Concat(Small).ToArray());
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Error);
        Assert.That(resumed.Output, Does.Contain("resuming"));
        var manifest = Manifest();
        Assert.That(manifest.Frames, Has.Count.EqualTo(total));
        AssertPairsMatchManifest(Dir, manifest);

        string fresh = folder.File("fresh");
        Assert.That(Capture(new[] { "--frames", total.ToString(), "--out", fresh }.Concat(Small).ToArray()).ExitCode, Is.EqualTo(0));
        foreach (var frame in manifest.Frames)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(Dir, frame.Truth)), Is.EqualTo(File.ReadAllBytes(Path.Combine(fresh, frame.Truth))), frame.Truth);
            Assert.That(File.ReadAllBytes(Path.Combine(Dir, frame.LowRes)), Is.EqualTo(File.ReadAllBytes(Path.Combine(fresh, frame.LowRes))), frame.LowRes);
        }
        Assert.That(File.ReadAllText(Path.Combine(Dir, CaptureManifest.FileName)), Is.EqualTo(File.ReadAllText(Path.Combine(fresh, CaptureManifest.FileName))));
    }

    private int TryCount()
    {
        try { return Manifest().Frames.Count; }
        catch (Exception e) when (e is IOException or JsonException) { return 0; }
    }

    [Test]
    public void StrayFilesOfAnInterruptedRunAreCleaned()
    {
        Assert.That(Capture(new[] { "--frames", "2", "--out", Dir }.Concat(Small).ToArray()).ExitCode, Is.EqualTo(0));
        File.WriteAllText(Path.Combine(Dir, "lowres", ".000002.png.123.abc.tmp"), "half written");
        File.WriteAllText(Path.Combine(Dir, ".manifest.json.123.abc.tmp"), "{");
        File.Copy(Path.Combine(Dir, "lowres", "000001.png"), Path.Combine(Dir, "lowres", "000002.png")); // renamed, but the manifest never named it
        var again = Capture(new[] { "--frames", "2", "--out", Dir }.Concat(Small).ToArray());
        Assert.That(again.ExitCode, Is.EqualTo(0), again.Error);
        Assert.That(again.Output, Does.Contain("already holds 2"));
        AssertPairsMatchManifest(Dir, Manifest());
    }

    [Test]
    public void OtherSettingsAreRefusedAndResumeTakesTheFoldersOwn()
    {
        Assert.That(Capture(new[] { "--frames", "2", "--out", Dir, "--interval", "0.25", "--jitter" }.Concat(Small).ToArray()).ExitCode, Is.EqualTo(0));
        string before = File.ReadAllText(Path.Combine(Dir, CaptureManifest.FileName));

        var refused = Capture("--frames", "3", "--out", Dir, "--texture-size", "64", "--size", "256x144");
        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.ErrorLines.Count(l => l.StartsWith("error:", StringComparison.Ordinal)), Is.EqualTo(1), refused.Error);
        Assert.That(refused.Error, Does.Contain("other settings").And.Contain("128x72").And.Contain("--resume"));
        var refusedInterval = Capture(new[] { "--frames", "3", "--out", Dir, "--jitter" }.Concat(Small).ToArray());
        Assert.That(refusedInterval.Error, Does.Contain("--interval"));
        Assert.That(File.ReadAllText(Path.Combine(Dir, CaptureManifest.FileName)), Is.EqualTo(before), "a refused run leaves the capture alone");

        var resumed = Capture("--frames", "4", "--out", Dir, "--texture-size", "64", "--resume");
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Error);
        var manifest = Manifest();
        Assert.That(manifest.Frames.Select(f => f.Time), Is.EqualTo(new[] { 0, 0.25, 0.5, 0.75 }).Within(1e-9));
        Assert.That(manifest.Frames[3].Jitter, Is.EqualTo(new[] { Jitter.ForFrame(3, 2).X, Jitter.ForFrame(3, 2).Y }));
        Assert.That(manifest.Width, Is.EqualTo(128));
        AssertPairsMatchManifest(Dir, manifest);
    }

    private void AssertRefused(CliRunner.Result result, int exitCode, params string[] mentions)
    {
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Error);
        Assert.That(result.ErrorLines.Count(l => l.StartsWith("error:", StringComparison.Ordinal)), Is.EqualTo(1), result.Error);
        foreach (var mention in mentions) Assert.That(result.Error, Does.Contain(mention));
    }

    [Test]
    public void AnUnwritableOutputFolderIsRefused()
    {
        File.WriteAllText(folder.File("a-file"), "not a folder");
        AssertRefused(Capture(new[] { "--frames", "1", "--out", folder.File("a-file/capture") }.Concat(Small).ToArray()), 1, "cannot be written");
    }

    [Test]
    public void ATextureFolderWithoutImagesIsRefused()
    {
        Directory.CreateDirectory(folder.File("textures"));
        AssertRefused(Capture(new[] { "--frames", "1", "--out", Dir, "--textures", folder.File("textures") }.Concat(Small).ToArray()), 1, "no usable images");
    }

    [Test]
    public void ACorruptManifestIsRefusedAndKept()
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(Path.Combine(Dir, CaptureManifest.FileName), "{ this is not json");
        AssertRefused(Capture(new[] { "--frames", "1", "--out", Dir }.Concat(Small).ToArray()), 1, "not a readable capture manifest");
        Assert.That(File.ReadAllText(Path.Combine(Dir, CaptureManifest.FileName)), Is.EqualTo("{ this is not json"));
    }

    [TestCase("--size", "127x72", "divide")]
    [TestCase("--size", "big", "WIDTHxHEIGHT")]
    [TestCase("--scale", "5", "not supported")]
    [TestCase("--supersample", "1", "Supersampling")]
    [TestCase("--frames", "0", "--frames")]
    public void BadSettingsAreRefusedAsUsage(string option, string value, string mention)
    {
        var args = new List<string> { "--frames", "1", "--out", Dir, "--texture-size", "64", "--size", "128x72" };
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange(new[] { option, value });
        AssertRefused(Capture(args.ToArray()), 2, mention);
        Assert.That(File.Exists(Path.Combine(Dir, CaptureManifest.FileName)), Is.False);
    }

    [Test]
    public void NoVulkanDriverGivesAClearError()
    {
        var environment = new Dictionary<string, string?>
        {
            ["VK_ICD_FILENAMES"] = folder.File("no-such-driver.json"),
            ["VK_DRIVER_FILES"] = folder.File("no-such-driver.json"),
        };
        var (code, _, error) = CliProcess.Run(environment, TimeSpan.FromSeconds(60), new[] { "capture", "--frames", "1", "--out", Dir }.Concat(Small).ToArray());
        Assert.That(code, Is.EqualTo(1), error);
        Assert.That(error, Does.Contain("error:").And.Contain("Vulkan").And.Contain("mesa-vulkan-drivers"));
        Assert.That(File.Exists(Path.Combine(Dir, CaptureManifest.FileName)), Is.False, "nothing half-written");
    }
}
