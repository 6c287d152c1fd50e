using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Tests.Interop.Upscaling;

/// <summary>
/// The Vulkan upscaler on each backend that runs on any Vulkan device (lavapipe here): host staging (the network through
/// host memory and libtorch) and vulkan-compute (the network as compute shaders). The same tests for both: the engine's
/// frame in, the upscaled frame out, against the CPU model. Host staging runs that very model, so its bytes are equal;
/// vulkan-compute computes the same float32 arithmetic in another order (within 1e-4 before rounding), so a byte may
/// round the other way: within one level.
/// </summary>
[TestFixture("host-staging")]
[TestFixture("vulkan-compute")]
public class VulkanUpscalerBackendTests(string backendName)
{
    private static readonly FrameSize Display = new(128, 96);
    private static readonly FrameSize Render = new(64, 48);

    private readonly BackendPreference backend = BackendNames.ParsePreference(backendName);

    /// <summary>Largest byte difference allowed against the CPU model: 0 for host staging, 1 level for vulkan-compute.</summary>
    private int Tolerance => backend == BackendPreference.VulkanCompute ? 1 : 0;

    private VulkanUpscaler Create(GpuContext gpu, double noise = 0.5) => Create(gpu, backend, noise);

    private void AssertMatches(RgbImage actual, RgbImage expected, string what)
    {
        int difference = ImageStatistics.MaxAbsDifference(actual, expected);
        TestContext.Out.WriteLine($"{backendName}: {what}: max byte difference {difference}");
        if (Tolerance == 0) Assert.That(actual.Pixels, Is.EqualTo(expected.Pixels), what);
        else Assert.That(difference, Is.LessThanOrEqualTo(Tolerance), what);
    }

    internal static VulkanUpscaler Create(GpuContext gpu, BackendPreference backend, double noise = 0.5) =>
        VulkanUpscaler.Create(new VulkanUpscalerDescription
        {
            Vulkan = VulkanDeviceHandles.From(gpu.Device),
            Backend = backend,
            Upscaling = new UpscalerDescription
            {
                DisplaySize = Display,
                QualityMode = QualityMode.Performance,
                Model = TestFrames.X2,
                NoiseStrength = noise,
                NoiseSeed = 11,
                Device = DevicePreference.Cpu,
            },
        });

    private static VulkanDispatchDescription Frame(GpuImage input, GpuImage output, FrameSize? render = null) => new()
    {
        Input = VulkanFrames.Describe(input),
        Output = VulkanFrames.Describe(output),
        RenderSize = render,
        OutputFinalLayout = ImageLayout.ShaderReadOnlyOptimal,
    };

    private static void Dispatch(VulkanUpscaler upscaler, GpuImage input, GpuImage output, FrameSize? render = null)
    {
        upscaler.Dispatch(Frame(input, output, render));
        output.Layout = ImageLayout.ShaderReadOnlyOptimal;
    }

    [Test]
    public void OutputEqualsTheCpuModelsOnTheSameFrame()
    {
        var gpu = VulkanTests.Gpu;
        var frame = TestFrames.Image(Render);
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        using var upscaler = Create(gpu);
        Assert.That(upscaler.Backend.Kind, Is.EqualTo(backend == BackendPreference.VulkanCompute ? BackendKind.VulkanCompute : BackendKind.HostStaging));
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(frame));
        Dispatch(upscaler, input, output);
        upscaler.WaitIdle();
        var result = VulkanFrames.Download(gpu, output);
        var expected = TestFrames.CpuReference(frame, seed: 11, strength: 0.5);
        AssertMatches(TestFrames.ToImage(result, Display), expected, "the engine's frame in, the CPU model's upscaled frame out");
        Assert.That(Enumerable.Range(0, (int)Display.Pixels).All(i => result[4 * i + 3] == 255), Is.True, "alpha is opaque");
        Assert.That(VulkanFrames.Download(gpu, input), Is.EqualTo(TestFrames.Pixels(frame)), "the input is left as it was");
        var timings = upscaler.LastTimings;
        TestContext.Out.WriteLine($"{backendName} on {upscaler.VulkanDeviceName}: {timings}");
        Assert.That(timings.NetworkMilliseconds, Is.GreaterThan(0));
        Assert.That(timings.HandoffInMilliseconds, Is.GreaterThan(0));
    }

    [Test]
    public void BgraImagesAndARenderRegionOfALargerInputKeepTheirColours()
    {
        var gpu = VulkanTests.Gpu;
        var large = new FrameSize(80, 60);
        var frame = TestFrames.Image(large, which: 3);
        using var input = VulkanFrames.Image(gpu, large, Format.B8G8R8A8Unorm, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.B8G8R8A8Srgb, VulkanFrames.OutputUsage);
        using var upscaler = Create(gpu);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(frame, ChannelOrder.Bgra), ImageLayout.TransferSrcOptimal);
        Dispatch(upscaler, input, output, Render);
        var result = TestFrames.ToImage(VulkanFrames.Download(gpu, output), Display, ChannelOrder.Bgra);
        var expected = TestFrames.CpuReference(frame.Crop(0, 0, Render.Width, Render.Height), seed: 11, strength: 0.5);
        AssertMatches(result, expected, "the top-left render region, swizzled in and out");
    }

    [Test]
    public void WorkSubmittedAfterTheDispatchSeesTheOutputWithoutWaiting()
    {
        var gpu = VulkanTests.Gpu;
        var frame = TestFrames.Image(Render, which: 4);
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        using var upscaler = Create(gpu, noise: 0);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(frame));
        for (int i = 0; i < 3; i++)
        {
            Dispatch(upscaler, input, output);
            // No WaitIdle: the readback is ordered after the upload by the queue and the dispatch's closing barrier.
            var result = VulkanFrames.Download(gpu, output);
            AssertMatches(TestFrames.ToImage(result, Display), TestFrames.CpuReference(frame, 11, 0), $"frame {i}");
        }
    }

    [Test]
    public void BadDispatchesNameTheProblemAndLeaveDeviceAndContextUsable()
    {
        var gpu = VulkanTests.Gpu;
        var frame = TestFrames.Image(Render);
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        using var wrongFormat = VulkanFrames.Image(gpu, Render, Format.R16G16B16A16Sfloat, VulkanFrames.InputUsage);
        using var wrongSize = VulkanFrames.Image(gpu, new FrameSize(120, 96), Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        using var upscaler = Create(gpu, noise: 0);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(frame));
        var good = Frame(input, output);

        void Refused(VulkanDispatchDescription bad, params string[] words)
        {
            var error = Assert.Throws<InvalidDispatchException>(() => upscaler.Dispatch(bad))!;
            foreach (var word in words) Assert.That(error.Message, Does.Contain(word));
            Assert.That(error.Fix, Is.Not.Empty);
        }

        Refused(good with { Input = VulkanFrames.Describe(wrongFormat, ImageLayout.Undefined) with { Layout = ImageLayout.ShaderReadOnlyOptimal } },
            "input image's format R16G16B16A16Sfloat is not supported", "B8G8R8A8");
        Refused(good with { Output = VulkanFrames.Describe(wrongSize) }, "output image is 120x96", "display size is 128x96");
        Refused(good with { Input = good.Input with { Usage = ImageUsageFlags.SampledBit } }, "TRANSFER_SRC");
        Refused(good with { Output = good.Output with { Usage = ImageUsageFlags.SampledBit } }, "TRANSFER_DST");
        Refused(good with { RenderSize = new FrameSize(65, 48) }, "larger than the input image");
        Refused(good with { Input = good.Input with { Layout = ImageLayout.Undefined } }, "input image's layout Undefined");
        Refused(good with { Output = good.Output with { Image = good.Input.Image } }, "same image");
        Refused(good with { OutputFinalLayout = ImageLayout.Undefined }, "would discard");
        Refused(good with { Input = good.Input with { Image = 0 } }, "input image handle is null");

        Dispatch(upscaler, input, output);
        AssertMatches(TestFrames.ToImage(VulkanFrames.Download(gpu, output), Display), TestFrames.CpuReference(frame, 11, 0),
            "after every refusal the context and the device still upscale correctly");
        Assert.That(upscaler.DispatchCount, Is.EqualTo(1));
    }

    [Test]
    public void DispatchAfterDisposeNamesTheContext()
    {
        var gpu = VulkanTests.Gpu;
        var upscaler = Create(gpu);
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(TestFrames.Image(Render)));
        Dispatch(upscaler, input, output);
        upscaler.Dispose();
        Assert.DoesNotThrow(upscaler.Dispose, "disposing twice is harmless");
        var error = Assert.Throws<ObjectDisposedException>(() => upscaler.Dispatch(Frame(input, output)))!;
        Assert.That(error.Message, Does.Contain("VulkanUpscaler").And.Contain("disposed"));
        Assert.DoesNotThrow(() => VulkanFrames.Download(gpu, output), "the engine's device and images outlive the context");
    }

    [Test]
    public void ManagedAllocationsPerDispatchAreSmallAndDoNotGrow()
    {
        var gpu = VulkanTests.Gpu;
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        using var upscaler = Create(gpu);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(TestFrames.Image(Render)));
        var frame = Frame(input, output);
        for (int i = 0; i < 5; i++) upscaler.Dispatch(frame);
        TestContext.Out.WriteLine($"one {backendName} frame on {upscaler.VulkanDeviceName}: {upscaler.LastTimings}");
        long Measure(int frames)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < frames; i++) upscaler.Dispatch(frame);
            return (GC.GetAllocatedBytesForCurrentThread() - before) / frames;
        }
        long first = Measure(20), second = Measure(20);
        upscaler.WaitIdle();
        TestContext.Out.WriteLine($"managed bytes per {backendName} dispatch after warm-up: {first} then {second}");
        Assert.That(first, Is.LessThan(32 * 1024));
        Assert.That(second, Is.LessThanOrEqualTo(first + 512), "flat");
    }
}
