using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Model;
using Microsoft.Extensions.Logging.Abstractions;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Demo.Rendering;

/// <summary>The demo's three display methods behind <see cref="IDisplayMethod"/>.</summary>
public class DisplayMethodTests
{
    private static readonly FrameSizes Sizes = FrameSizes.Create(128, 72, ScaleFactor.X2);

    [Test]
    public void BilinearIsBilinearAndNativeIsTheGroundTruth()
    {
        var renderer = VulkanTests.Renderer;
        var frame = FrameDescription.At(renderer.Scene, 0, 15, Sizes, jitter: false);
        var lowRes = renderer.RenderLowRes(frame);
        using var bilinear = new BilinearMethod(VulkanTests.Gpu);
        using var native = new NativeMethod(renderer);
        var upscaled = renderer.Read(bilinear.Upscale(lowRes, frame));
        var reference = ImageStatistics.Bilinear2x(renderer.Read(lowRes), linearLight: true);
        double psnr = ImageStatistics.Psnr(upscaled, reference);
        TestContext.Out.WriteLine($"GPU bilinear vs CPU bilinear in linear light: {psnr:F2} dB, max difference {ImageStatistics.MaxAbsDifference(upscaled, reference)}");
        Assert.That(ImageStatistics.MaxAbsDifference(upscaled, reference), Is.LessThanOrEqualTo(2), "the same filter, up to rounding");
        Assert.That(renderer.Read(native.Upscale(lowRes, frame)).Pixels, Is.EqualTo(renderer.Read(renderer.RenderTruth(frame)).Pixels));
    }

    [Test]
    public void TheModelMethodRunsTheNetworkThroughTheEngineApi()
    {
        var renderer = VulkanTests.Renderer;
        var frame = FrameDescription.At(renderer.Scene, 0, 30, Sizes, jitter: true);
        var lowRes = renderer.RenderLowRes(frame);
        using var method = new ModelMethod(VulkanTests.Gpu, new ModelMethodSettings
        {
            Model = TestFrames.X2,
            Sizes = Sizes,
            Seed = 5,
            NoiseStrength = 0.5,
            Device = DevicePreference.Cpu,
        }, NullLogger.Instance);
        var output = renderer.Read(method.Upscale(lowRes, frame));
        var expected = TestFrames.CpuReference(renderer.Read(lowRes), seed: 5, strength: 0.5);
        // Host staging runs the CPU model itself; vulkan-compute and CUDA interop compute in another order or precision.
        int tolerance = method.Context.Backend.Kind == BackendKind.HostStaging ? 0 : method.BackendAndPrecision.Contains("float16") ? 3 : 1;
        Assert.That(ImageStatistics.MaxAbsDifference(output, expected), Is.LessThanOrEqualTo(tolerance), "through the public Vulkan API");
        Assert.That(method.LastTimings.NetworkMilliseconds, Is.GreaterThan(0));
        Assert.That(method.Context.Backend.Kind, Is.AnyOf(BackendKind.VulkanCompute, BackendKind.CudaInterop), "auto: CUDA interop, else vulkan-compute");
        Assert.That(method.Label, Does.Contain(BackendNames.Of(method.Context.Backend.Kind)).And.Contain("float"));
        var context = method.Context;
        method.NoiseStrength = 0;
        var deterministic = renderer.Read(method.Upscale(lowRes, frame));
        Assert.That(deterministic.Pixels, Is.Not.EqualTo(output.Pixels), "the noise strength takes effect");
        Assert.That(method.Context, Is.SameAs(context), "a new strength is a per-dispatch value: the context is kept, not rebuilt");
        int zeroTolerance = method.BackendAndPrecision.Contains("float16") ? 3 : tolerance;
        Assert.That(ImageStatistics.MaxAbsDifference(deterministic, TestFrames.CpuReference(renderer.Read(lowRes), seed: 5, strength: 0)), Is.LessThanOrEqualTo(zeroTolerance));
        Assert.That(method.Label, Does.Contain("noise 0"));
        Assert.Throws<ArgumentOutOfRangeException>(() => method.NoiseStrength = 1.5);
    }
}
