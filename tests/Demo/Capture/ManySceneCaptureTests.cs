using System.Text.Json;
using GdpoRealtime.Demo.Capture;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Cli;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Data.Capture;

namespace GdpoRealtime.Tests.Demo.Capture;

/// <summary>gdpo-sr capture of several scenes and texture sources at 32x18 -> 64x36 with 64-texel textures, and the held-apart scene's rules.</summary>
public class ManySceneCaptureTests
{
    private static readonly string[] Small = { "--size", "64x36", "--texture-size", "64" };
    private TempFolder folder = null!;

    [SetUp]
    public void Create()
    {
        _ = VulkanTests.Gpu; // skipped (or failed on CI) without Vulkan
        folder = new TempFolder();
        Directory.CreateDirectory(Textures);
        File.Copy(TestImages.GameTextures[0], Path.Combine(Textures, "a.png"));
        Directory.CreateDirectory(Path.Combine(Textures, "inner"));
        File.Copy(TestImages.Photographs[0], Path.Combine(Textures, "inner", "b.png"));
        Directory.CreateDirectory(HeldApart);
        File.Copy(TestImages.GameTextures[1], Path.Combine(HeldApart, "c.png"));
        File.WriteAllText(Path.Combine(HeldApart, HeldApartTextures.MarkerFile), "held apart");
    }

    [TearDown]
    public void Clean() => folder.Dispose();

    private string Textures => folder.File("textures");
    private string HeldApart => folder.File("heldout-textures");

    private static CliRunner.Result Capture(params string[] args) => CliRunner.Run(new[] { "capture" }.Concat(args).Concat(Small).ToArray());

    private static CaptureManifest Manifest(string dir) =>
        JsonSerializer.Deserialize<CaptureManifest>(File.ReadAllBytes(Path.Combine(dir, CaptureManifest.FileName)), CaptureManifest.Json)!;

    private string[] TwoScenesTwoSources(string dir) =>
        new[] { "--scene", "corridor,fence-yard", "--textures", "procedural", "--textures", Textures, "--frames", "8", "--out", dir,
                "--jitter", "mixed", "--seed", "2", "--interval", "3" };

    private static void AssertRefused(CliRunner.Result result, params string[] mentions)
    {
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.ErrorLines.Count(l => l.StartsWith("error:", StringComparison.Ordinal)), Is.EqualTo(1), result.Error);
        foreach (var mention in mentions) Assert.That(result.Error, Does.Contain(mention));
    }

    [Test]
    public void EachPairRecordsItsSceneTexturesCameraPathLightingAndJitter()
    {
        string dir = folder.File("capture");
        var result = Capture(TwoScenesTwoSources(dir));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var manifest = Manifest(dir);
        Assert.That(manifest.Version, Is.EqualTo(2));
        Assert.That(manifest.Plan!.Scenes, Is.EqualTo(new[] { "corridor", "fence-yard" }));
        Assert.That(manifest.Plan.TextureSources.Select(s => s.Label), Is.EqualTo(new[] { "procedural", "textures" }));
        Assert.That((manifest.Plan.Jitter, manifest.Plan.Seed, manifest.Plan.FramesPerSegment), Is.EqualTo(("mixed", 2, 2)));
        Assert.That(manifest.Frames.Select(f => (f.Scene, f.Textures)), Is.EqualTo(new[]
        {
            ("corridor", "procedural"), ("corridor", "procedural"), ("corridor", "textures"), ("corridor", "textures"),
            ("fence-yard", "procedural"), ("fence-yard", "procedural"), ("fence-yard", "textures"), ("fence-yard", "textures"),
        }));
        var plan = CapturePlan.Create(new CaptureSettings
        {
            OutputFolder = dir, Sizes = FrameSizes.Create(64, 36, ScaleFactor.X2), Frames = 8, Scenes = SceneCatalog.Resolve(new[] { "corridor,fence-yard" }),
            TextureSources = new[] { TextureSource.Procedural, TextureSource.FromFolder(Textures) }, Interval = 3, Jitter = JitterMode.Mixed, Seed = 2,
        });
        foreach (var frame in manifest.Frames)
        {
            var planned = plan.Frame(frame.Index);
            Assert.That((frame.CameraPath, frame.Lighting, frame.Jittered, frame.Time), Is.EqualTo((planned.CameraPath, planned.LightingName, planned.Jittered, planned.Time)));
            Assert.That(frame.Jitter, Is.EqualTo(new[] { planned.Jitter.X, planned.Jitter.Y }));
            var camera = planned.Segment.Definition.CameraPaths[planned.CameraPath].At(planned.Time);
            Assert.That(frame.Camera.Position, Is.EqualTo(new[] { camera.Position.X, camera.Position.Y, camera.Position.Z }));
            Assert.That(frame.SceneRevision, Is.EqualTo(planned.Segment.Definition.Revision));
            var lowRes = ImageFile.Load(Path.Combine(dir, frame.LowRes));
            Assert.That((lowRes.Width, lowRes.Height), Is.EqualTo((32, 18)));
        }
        var fingerprints = manifest.Frames.GroupBy(f => (f.Scene, f.Textures)).Select(g => g.Select(f => f.TexturesFingerprint).Distinct().Single()).ToList();
        Assert.That(fingerprints[0], Is.EqualTo(fingerprints[2]), "the procedural set is the same for every scene");
        Assert.That(fingerprints[1], Is.Not.EqualTo(fingerprints[0]), "folder images replace the surfaces");
        Assert.That(manifest.Frames.Select(f => f.Jittered).Distinct().Count(), Is.EqualTo(2), "mixed: some pairs jittered, some not");
        Assert.That(manifest.HoldsHeldApartScene, Is.False);
    }

    [Test]
    public void AllTrainingCapturesEveryTrainingSceneAndNeverTheHeldApartOne()
    {
        string dir = folder.File("all");
        var result = Capture("--scene", "all-training", "--frames", "7", "--out", dir);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var scenes = Manifest(dir).Frames.Select(f => f.Scene!).ToList();
        Assert.That(scenes, Is.EquivalentTo(SceneCatalog.Training.Select(s => s.Name)));
        Assert.That(scenes.Any(s => s.StartsWith(CaptureManifest.HeldApartScenePrefix, StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public void TheHeldApartSceneIsCapturedAloneWithItsOwnTexturesAndNeverTrainedOn()
    {
        string dir = folder.File("heldout");
        AssertRefused(Capture("--scene", "heldout-harbour", "--frames", "2", "--out", dir), "held-apart folder", HeldApartTextures.MarkerFile);
        AssertRefused(Capture("--scene", "heldout-harbour,courtyard", "--textures", HeldApart, "--frames", "2", "--out", dir), "alone");
        AssertRefused(Capture("--scene", "courtyard", "--textures", HeldApart, "--frames", "2", "--out", dir), "held apart", "never");
        AssertRefused(Capture("--scene", "all-training", "--textures", folder.Path, "--frames", "7", "--out", dir), "held apart");
        Assert.That(Directory.Exists(dir), Is.False, "a refused capture writes nothing");

        var captured = Capture("--scene", "heldout-harbour", "--textures", HeldApart, "--frames", "2", "--out", dir);
        Assert.That(captured.ExitCode, Is.EqualTo(0), captured.Error);
        Assert.That(Manifest(dir).Frames.Select(f => f.Scene), Is.All.EqualTo("heldout-harbour"));

        string model = folder.File("model.gdpo");
        var training = CliRunner.Run("train", "pretrain", "--data", dir, "--out", model, "--steps", "1");
        AssertRefused(training, "held-apart scene", "score models on this folder", "--data");
        Assert.That(File.Exists(model), Is.False);
    }

    [Test]
    public void AnUnknownSceneIsRefusedListingTheValidOnes()
    {
        var result = Capture("--scene", "moonbase", "--frames", "1", "--out", folder.File("x"));
        AssertRefused(result, "'moonbase'", "courtyard", "heldout-harbour", "all-training");
        var list = CliRunner.Run("capture", "--list-scenes");
        Assert.That(list.ExitCode, Is.EqualTo(0), list.Error);
        foreach (var entry in SceneCatalog.Entries) Assert.That(list.Output, Does.Contain(entry.Name));
        Assert.That(list.Output, Does.Contain("HELD APART"));
    }

    [Test]
    public void ACutShortManySceneCaptureContinuesAsIfNeverInterrupted()
    {
        string whole = folder.File("whole"), cut = folder.File("cut");
        Assert.That(Capture(TwoScenesTwoSources(whole)).ExitCode, Is.EqualTo(0));
        CopyFolder(whole, cut);
        void CutAfter(int pairs)
        {
            // What a kill leaves: the manifest names the first pairs; later files may exist but are not named.
            var manifest = Manifest(cut);
            manifest.Frames.RemoveRange(pairs, manifest.Frames.Count - pairs);
            File.WriteAllText(Path.Combine(cut, CaptureManifest.FileName), JsonSerializer.Serialize(manifest, CaptureManifest.Json));
        }

        CutAfter(3); // inside the second segment
        File.Copy(TestImages.Photographs[1], Path.Combine(Textures, "inner", "b.png"), overwrite: true);
        var changed = Capture(TwoScenesTwoSources(cut));
        Assert.That(changed.ExitCode, Is.EqualTo(1), changed.Error);
        Assert.That(changed.Error, Does.Contain("changed since pair 2"), "the segment being continued must see the textures it began with");
        File.Copy(TestImages.Photographs[0], Path.Combine(Textures, "inner", "b.png"), overwrite: true);

        var resumed = Capture(TwoScenesTwoSources(cut));
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Error);
        Assert.That(resumed.Output, Does.Contain("resuming"));
        AssertSameCapture(whole, cut);

        CutAfter(5);
        var own = CliRunner.Run("capture", "--out", cut, "--resume", "--texture-size", "64");
        Assert.That(own.ExitCode, Is.EqualTo(0), own.Error);
        AssertSameCapture(whole, cut);
    }

    private static void AssertSameCapture(string expected, string actual)
    {
        Assert.That(File.ReadAllText(Path.Combine(actual, CaptureManifest.FileName)), Is.EqualTo(File.ReadAllText(Path.Combine(expected, CaptureManifest.FileName))));
        foreach (var frame in Manifest(expected).Frames)
            foreach (var file in new[] { frame.LowRes, frame.Truth })
                Assert.That(File.ReadAllBytes(Path.Combine(actual, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(expected, file))), file);
        Assert.That(Directory.GetFiles(actual, "*", SearchOption.AllDirectories).Length, Is.EqualTo(Directory.GetFiles(expected, "*", SearchOption.AllDirectories).Length),
            "no stray files");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
