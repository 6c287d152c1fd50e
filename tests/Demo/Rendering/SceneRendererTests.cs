using System.Numerics;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Demo.Rendering;

/// <summary>The renderer on the machine's Vulkan driver (lavapipe on CI), at 64x36 -> 128x72.</summary>
public class SceneRendererTests
{
    private static readonly FrameSizes Sizes = FrameSizes.Create(128, 72, ScaleFactor.X2);

    private static FrameDescription Frame(double time, bool jitter = false, int index = 3) =>
        FrameDescription.At(VulkanTests.Renderer.Scene, index, time, Sizes, jitter);

    [Test]
    public void RenderingTheSameFrameTwiceGivesIdenticalPixels()
    {
        var renderer = VulkanTests.Renderer;
        var frame = Frame(12.25, jitter: true);
        var lowRes1 = renderer.Read(renderer.RenderLowRes(frame));
        var truth1 = renderer.Read(renderer.RenderTruth(frame));
        renderer.RenderLowRes(Frame(40)); // something else in between
        renderer.RenderTruth(Frame(40));
        var lowRes2 = renderer.Read(renderer.RenderLowRes(frame));
        var truth2 = renderer.Read(renderer.RenderTruth(frame));
        Assert.That(lowRes2.Pixels, Is.EqualTo(lowRes1.Pixels));
        Assert.That(truth2.Pixels, Is.EqualTo(truth1.Pixels));

        using var other = new SceneRenderer(VulkanTests.Gpu, CourtyardScene.Create(), TextureSet.Procedural(128), new RenderSettings { TextureSize = 128 });
        Assert.That(other.Read(other.RenderLowRes(frame)).Pixels, Is.EqualTo(lowRes1.Pixels), "a second renderer draws the same frame");
        Assert.That(other.Version, Is.EqualTo(renderer.Version));
    }

    [Test]
    public void FramesHaveTheRequestedSizesAndContent()
    {
        var renderer = VulkanTests.Renderer;
        var frame = Frame(0);
        var lowRes = renderer.Read(renderer.RenderLowRes(frame));
        var truth = renderer.Read(renderer.RenderTruth(frame));
        Assert.That((lowRes.Width, lowRes.Height), Is.EqualTo((64, 36)));
        Assert.That((truth.Width, truth.Height), Is.EqualTo((128, 72)));
        Assert.That(ImageStatistics.DistinctColours(truth), Is.GreaterThan(500), "a textured, lit scene, not a cleared target");
        Assert.That(renderer.Read(renderer.RenderTruth(Frame(20))).Pixels, Is.Not.EqualTo(truth.Pixels), "the camera moves with time");
    }

    [Test]
    public void GroundTruthIsNotAPlainUpscaleOfTheLowResFrame()
    {
        // Aliasing is real: the single-sample frame loses detail and adds stair-steps that no resampling of it can undo.
        var renderer = VulkanTests.Renderer;
        foreach (double time in new[] { 0.0, 15, 37.5 })
        {
            var frame = Frame(time);
            var lowRes = renderer.Read(renderer.RenderLowRes(frame));
            var truth = renderer.Read(renderer.RenderTruth(frame));
            var upscaled = ImageStatistics.Bilinear2x(lowRes);
            double psnr = ImageStatistics.Psnr(upscaled, truth);
            double truthDetail = ImageStatistics.GradientEnergy(truth), upscaledDetail = ImageStatistics.GradientEnergy(upscaled);
            TestContext.Out.WriteLine($"t = {time}: PSNR(bilinear(low-res), truth) = {psnr:F2} dB; gradient energy truth {truthDetail:F1}, bilinear {upscaledDetail:F1}");
            Assert.That(psnr, Is.LessThan(30), "the ground truth holds what the low-res frame cannot");
            Assert.That(truthDetail, Is.GreaterThan(1.15 * upscaledDetail), "the ground truth is sharper");
        }
    }

    [Test]
    public void GroundTruthIsTheBoxFilterOfADenseRender()
    {
        // RenderTruth must be a true supersampled render: 2x2 samples per pixel averaged in linear light.
        var renderer = VulkanTests.Renderer;
        var frame = Frame(7.5);
        var truth = renderer.Read(renderer.RenderTruth(frame));
        var dense = renderer.Read(renderer.RenderSingleSample(frame.Time, frame.Camera, 256, 144, Vector2.Zero));
        var expected = ImageStatistics.BoxDownLinear(dense, 2);
        int worst = ImageStatistics.MaxAbsDifference(expected, truth);
        Assert.That(worst, Is.LessThanOrEqualTo(1), "equal up to rounding");
        Assert.That(renderer.Settings.SamplesPerTruthPixel, Is.GreaterThanOrEqualTo(4));
    }

    [Test]
    public void JitterMovesTheSamplePointByThatManyLowResPixels()
    {
        // At x2 a jitter of +0.25 low-res pixels puts each low-res sample on the centre of the odd high-res
        // pixels (2i+1, 2j+1) of a single-sample render at twice the size; -0.25 puts it on the even ones.
        var renderer = VulkanTests.Renderer;
        var frame = Frame(3);
        var dense = renderer.Read(renderer.RenderSingleSample(frame.Time, frame.Camera, 128, 72, Vector2.Zero));
        var odd = ImageStatistics.Subsample(dense, 1);
        var even = ImageStatistics.Subsample(dense, 0);
        var plus = renderer.Read(renderer.RenderSingleSample(frame.Time, frame.Camera, 64, 36, new Vector2(0.25f, 0.25f)));
        var minus = renderer.Read(renderer.RenderSingleSample(frame.Time, frame.Camera, 64, 36, new Vector2(-0.25f, -0.25f)));
        double plusOdd = ImageStatistics.Psnr(plus, odd), minusOdd = ImageStatistics.Psnr(minus, odd);
        double plusEven = ImageStatistics.Psnr(plus, even), minusEven = ImageStatistics.Psnr(minus, even);
        TestContext.Out.WriteLine($"+0.25 vs odd {plusOdd:F2} dB, -0.25 vs odd {minusOdd:F2} dB, +0.25 vs even {plusEven:F2} dB, -0.25 vs even {minusEven:F2} dB");
        Assert.That(plusOdd, Is.GreaterThan(minusOdd + 1));
        Assert.That(minusEven, Is.GreaterThan(plusEven + 1));
    }
}
