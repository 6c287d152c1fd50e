using System.Numerics;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Rewards;

namespace GdpoRealtime.Tests.Demo.Rendering;

/// <summary>
/// Every scene of the catalogue on the machine's Vulkan driver, at 96x54 -> 192x108 with 128-texel textures:
/// it renders varied, textured content on each camera path, deterministically, and its low-res frame is a
/// 1 spp render with the display-matched mip bias.
/// </summary>
[TestFixtureSource(nameof(Scenes))]
public class SceneLayoutTests(string sceneName)
{
    private static readonly FrameSizes Sizes = FrameSizes.Create(192, 108, ScaleFactor.X2);
    private SceneRenderer renderer = null!;

    public static IEnumerable<string> Scenes() => SceneCatalog.Entries.Select(e => e.Name);

    [OneTimeSetUp]
    public void Create() =>
        renderer = new SceneRenderer(VulkanTests.Gpu, SceneCatalog.Get(sceneName).Create(), TextureSet.Procedural(128), new RenderSettings { TextureSize = 128 });

    [OneTimeTearDown]
    public void Dispose() => renderer?.Dispose();

    /// <summary>One frame per camera path, spread over the loop, each under another lighting.</summary>
    private IEnumerable<FrameDescription> Frames()
    {
        var scene = renderer.Scene;
        for (int path = 0; path < scene.CameraPaths.Count; path++)
            yield return FrameDescription.At(scene, path, 5 + 20 * path, Sizes, jitter: false, path, path % scene.Lightings.Count);
    }

    private static double TextureFraction(RgbImage image)
    {
        using var tensor = ImageTensors.ToTensor(image);
        using var mask = RegionSplit.TextureMask(tensor);
        return mask.mean().item<float>();
    }

    [Test]
    public void EveryCameraPathShowsTexturedVariedContent()
    {
        var truths = new List<RgbImage>();
        foreach (var frame in Frames())
        {
            var truth = renderer.Read(renderer.RenderTruth(frame));
            double texture = TextureFraction(truth), energy = ImageStatistics.GradientEnergy(truth);
            int colours = ImageStatistics.DistinctColours(truth);
            TestContext.Out.WriteLine($"{sceneName} path {frame.Index} t = {frame.Time} s ({frame.Lighting!.Name}): texture fraction {texture:F2}, " +
                                      $"gradient energy {energy:F1}, {colours} colours");
            Assert.That(colours, Is.GreaterThan(1500), "a lit, textured frame, not a cleared target or a wall filling the view");
            Assert.That(energy, Is.GreaterThan(2), "edges and texture detail (a cleared target has none)");
            Assert.That(texture, Is.GreaterThan(0.3), "a good part of the frame is texture by the reward's region split");
            truths.Add(truth);
        }
        Assert.That(truths.Select(t => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(t.Pixels))).Distinct().Count(), Is.EqualTo(truths.Count));
    }

    [Test]
    public void TheSameFrameRendersToTheSameBytes()
    {
        var frames = Frames().ToList();
        var first = frames[0] with { Jitter = Jitter.ForFrame(5, 2) };
        var lowRes = renderer.Read(renderer.RenderLowRes(first));
        var truth = renderer.Read(renderer.RenderTruth(first));
        renderer.RenderLowRes(frames[1]); // another path, time and lighting in between
        renderer.RenderTruth(frames[1]);
        Assert.That(renderer.Read(renderer.RenderLowRes(first)).Pixels, Is.EqualTo(lowRes.Pixels));
        Assert.That(renderer.Read(renderer.RenderTruth(first)).Pixels, Is.EqualTo(truth.Pixels));
    }

    [Test]
    public void TheLowResFrameIsOneSamplePerPixelWithTheDisplaysMipBias()
    {
        // At x2 a jitter of +0.25 low-res pixels puts each low-res sample on the centre of the odd pixels of a
        // single-sample render at the display size. With the bias of -1 the low-res frame samples textures at
        // the display's level of detail, so it matches those point samples; unbiased (as a game without an
        // upscaler renders) it is blurrier and matches them less.
        var frame = Frames().First() with { Jitter = new Vector2(0.25f, 0.25f) };
        Assert.That(renderer.Settings.MipBiasFor(frame.LowResWidth, frame.Width), Is.EqualTo(-1f));
        var lowRes = renderer.Read(renderer.RenderLowRes(frame));
        var unbiased = renderer.Read(renderer.RenderSingleSample(frame.Time, frame.Camera, (uint)frame.LowResWidth, (uint)frame.LowResHeight,
            frame.Jitter, 0, frame.Lighting));
        var display = renderer.Read(renderer.RenderSingleSample(frame.Time, frame.Camera, (uint)frame.Width, (uint)frame.Height, Vector2.Zero, 0, frame.Lighting));
        var pointSamples = ImageStatistics.Subsample(display, 1);
        double biased = ImageStatistics.Psnr(lowRes, pointSamples), plain = ImageStatistics.Psnr(unbiased, pointSamples);
        TestContext.Out.WriteLine($"{sceneName}: low-res vs display point samples {biased:F2} dB (mip bias -1), {plain:F2} dB (no bias)");
        Assert.That(biased, Is.GreaterThan(32), "each low-res pixel is one sample of the scene, no anti-aliasing");
        Assert.That(biased, Is.GreaterThan(plain + 0.5), "the bias sharpens textures to the display's level of detail");
    }
}
