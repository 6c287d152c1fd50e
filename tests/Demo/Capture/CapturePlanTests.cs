using GdpoRealtime.Demo.Capture;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Demo.Capture;

/// <summary>How a capture lays its pairs out over scenes, texture sources, paths, lightings and jitter (no GPU needed).</summary>
public class CapturePlanTests
{
    private static CaptureSettings Settings(int frames, string[] scenes, IReadOnlyList<TextureSource>? sources = null, JitterMode jitter = JitterMode.Off, int seed = 0) => new()
    {
        OutputFolder = "unused",
        Sizes = FrameSizes.Create(128, 72, ScaleFactor.X2),
        Frames = frames,
        Scenes = SceneCatalog.Resolve(scenes),
        TextureSources = sources ?? new[] { TextureSource.Procedural },
        Interval = 2,
        Jitter = jitter,
        Seed = seed,
    };

    [Test]
    public void SegmentsCoverEveryPairOnceSceneMajor()
    {
        using var textures = new TempFolder();
        File.Copy(TestImages.GameTextures[0], textures.File("a.png"));
        var folder = TextureSource.FromFolder(textures.Path);
        var plan = CapturePlan.Create(Settings(21, new[] { "corridor", "courtyard", "pattern-hall" }, new[] { TextureSource.Procedural, folder }));
        Assert.That(plan.Segments.Select(s => (s.Scene.Name, s.Textures.Label)), Is.EqualTo(new[]
        {
            ("courtyard", "procedural"), ("courtyard", folder.Label), ("corridor", "procedural"), ("corridor", folder.Label),
            ("pattern-hall", "procedural"), ("pattern-hall", folder.Label),
        }));
        Assert.That(plan.FramesPerSegment, Is.EqualTo(4), "21 pairs over 6 segments: 4 each, the last one shorter");
        Assert.That(plan.Segments.Sum(s => s.Frames), Is.EqualTo(21));
        for (int i = 0; i < 21; i++)
        {
            var frame = plan.Frame(i);
            Assert.That(i, Is.InRange(frame.Segment.FirstFrame, frame.Segment.FirstFrame + frame.Segment.Frames - 1));
            Assert.That(frame.Time, Is.EqualTo((i - frame.Segment.FirstFrame) * 2.0), "each segment starts at --start and steps by --interval");
        }
    }

    [Test]
    public void PairsTakeTurnsOnCameraPathsAndLightings()
    {
        var plan = CapturePlan.Create(Settings(24, new[] { "sign-street" }));
        var frames = Enumerable.Range(0, 24).Select(plan.Frame).ToList();
        Assert.That(frames.Take(6).Select(f => f.CameraPath), Is.EqualTo(new[] { 0, 1, 2, 0, 1, 2 }));
        var combinations = frames.Select(f => (f.CameraPath, f.LightingName)).Distinct().Count();
        Assert.That(combinations, Is.EqualTo(3 * 4), "24 pairs see every path under every lighting");
        var longer = CapturePlan.Create(Settings(48, new[] { "sign-street" }));
        Assert.That(Enumerable.Range(0, 24).Select(longer.Frame).Select(f => (f.Time, f.CameraPath, f.Lighting)),
            Is.EqualTo(frames.Select(f => (f.Time, f.CameraPath, f.Lighting))), "a one-scene capture extended by --frames keeps its pairs");
    }

    [Test]
    public void MixedJitterJittersAboutHalfThePairsAsTheSeedChooses()
    {
        var mixed = CapturePlan.Create(Settings(200, new[] { "courtyard" }, jitter: JitterMode.Mixed, seed: 4));
        var frames = Enumerable.Range(0, 200).Select(mixed.Frame).ToList();
        Assert.That(frames.Count(f => f.Jittered), Is.InRange(70, 130));
        Assert.That(frames.Where(f => !f.Jittered).All(f => f.Jitter == System.Numerics.Vector2.Zero), Is.True);
        Assert.That(frames.Where(f => f.Jittered).All(f => f.Jitter == Jitter.ForFrame(f.Index, 2)), Is.True, "Halton offsets by pair index");
        var again = CapturePlan.Create(Settings(200, new[] { "courtyard" }, jitter: JitterMode.Mixed, seed: 4));
        Assert.That(Enumerable.Range(0, 200).Select(i => again.Frame(i).Jittered), Is.EqualTo(frames.Select(f => f.Jittered)));
        var other = CapturePlan.Create(Settings(200, new[] { "courtyard" }, jitter: JitterMode.Mixed, seed: 5));
        Assert.That(Enumerable.Range(0, 200).Select(i => other.Frame(i).Jittered), Is.Not.EqualTo(frames.Select(f => f.Jittered)));
        var on = CapturePlan.Create(Settings(10, new[] { "courtyard" }, jitter: JitterMode.On));
        Assert.That(Enumerable.Range(0, 10).All(i => on.Frame(i).Jittered), Is.True);
    }

    [Test]
    public void TheHeldApartSceneTakesOnlyHeldApartTexturesAndTrainingScenesNever()
    {
        using var root = new TempFolder();
        string open = root.File("open"), marked = root.File("marked"), parent = root.File("parent");
        foreach (var dir in new[] { open, marked, Path.Combine(parent, "inner") }) Directory.CreateDirectory(dir);
        File.Copy(TestImages.GameTextures[0], Path.Combine(open, "a.png"));
        File.Copy(TestImages.GameTextures[1], Path.Combine(marked, "b.png"));
        File.WriteAllText(Path.Combine(marked, HeldApartTextures.MarkerFile), "held apart");
        File.WriteAllText(Path.Combine(parent, "inner", HeldApartTextures.MarkerFile), "held apart");

        var procedural = Assert.Throws<InvalidSettingException>(() => CapturePlan.Create(Settings(4, new[] { "heldout-harbour" })))!;
        Assert.That(procedural.Message, Does.Contain("held-apart folder").And.Contain(HeldApartTextures.MarkerFile));
        Assert.Throws<InvalidSettingException>(() => CapturePlan.Create(Settings(4, new[] { "heldout-harbour" }, new[] { TextureSource.FromFolder(open) })));
        Assert.That(CapturePlan.Create(Settings(4, new[] { "heldout-harbour" }, new[] { TextureSource.FromFolder(marked) })).Segments, Has.Count.EqualTo(1));

        var training = Assert.Throws<InvalidSettingException>(() => CapturePlan.Create(Settings(4, new[] { "courtyard" }, new[] { TextureSource.FromFolder(marked) })))!;
        Assert.That(training.Message, Does.Contain("held apart").And.Contain("never"));
        var reaching = Assert.Throws<InvalidSettingException>(() => CapturePlan.Create(Settings(4, new[] { "courtyard" }, new[] { TextureSource.FromFolder(parent) })))!;
        Assert.That(reaching.Message, Does.Contain("inner"), "a folder that holds a held-apart folder is refused too: reading is recursive");
        Assert.That(CapturePlan.Create(Settings(4, new[] { "courtyard" }, new[] { TextureSource.FromFolder(open) })).Segments, Has.Count.EqualTo(1));
    }

    [Test]
    public void TooFewPairsForTheCombinationsIsRefused()
    {
        var error = Assert.Throws<InvalidSettingException>(() => CapturePlan.Create(Settings(3, new[] { SceneCatalog.AllTraining })))!;
        Assert.That(error.Message, Does.Contain("--frames 3").And.Contain("7"));
    }
}
