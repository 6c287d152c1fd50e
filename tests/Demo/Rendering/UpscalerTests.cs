using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Demo.Rendering;

/// <summary>The demo's three frame upscalers behind <see cref="IFrameUpscaler"/>.</summary>
public class UpscalerTests
{
    private static readonly FrameSizes Sizes = FrameSizes.Create(128, 72, ScaleFactor.X2);

    [Test]
    public void BilinearIsBilinearAndNativeIsTheGroundTruth()
    {
        var renderer = VulkanTests.Renderer;
        var frame = FrameDescription.At(renderer.Scene, 0, 15, Sizes, jitter: false);
        var lowRes = renderer.RenderLowRes(frame);
        using var bilinear = new BilinearUpscaler(VulkanTests.Gpu);
        using var native = new NativeUpscaler(renderer);
        var upscaled = renderer.Read(bilinear.Upscale(lowRes, frame));
        var reference = ImageStatistics.Bilinear2x(renderer.Read(lowRes), linearLight: true);
        double psnr = ImageStatistics.Psnr(upscaled, reference);
        TestContext.Out.WriteLine($"GPU bilinear vs CPU bilinear in linear light: {psnr:F2} dB, max difference {ImageStatistics.MaxAbsDifference(upscaled, reference)}");
        Assert.That(ImageStatistics.MaxAbsDifference(upscaled, reference), Is.LessThanOrEqualTo(2), "the same filter, up to rounding");
        Assert.That(renderer.Read(native.Upscale(lowRes, frame)).Pixels, Is.EqualTo(renderer.Read(renderer.RenderTruth(frame)).Pixels));
    }

    [Test]
    public void TheModelUpscalerRunsTheNetworkOnTheLowResFrame()
    {
        var renderer = VulkanTests.Renderer;
        var frame = FrameDescription.At(renderer.Scene, 0, 30, Sizes, jitter: false);
        var lowRes = renderer.RenderLowRes(frame);
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        model.Network.eval();
        using var upscaler = new ModelUpscaler(renderer, model, seed: 5, noiseStrength: 0.5);
        var output = renderer.Read(upscaler.Upscale(lowRes, frame));
        using var noise = new NoiseField(5, 0.5);
        var expected = new ImageUpscaler(model, noise).Upscale(renderer.Read(lowRes));
        Assert.That(output.Pixels, Is.EqualTo(expected.Pixels), "read back, upscaled and uploaded without loss");
        Assert.That(upscaler.LastTimings.Network, Is.GreaterThan(0));
        upscaler.NoiseStrength = 0;
        Assert.That(renderer.Read(upscaler.Upscale(lowRes, frame)).Pixels, Is.Not.EqualTo(output.Pixels), "the noise strength takes effect");
        Assert.That(upscaler.Label, Does.Contain("noise 0"));
    }
}
