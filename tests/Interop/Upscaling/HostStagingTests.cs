using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Tests.Interop.Upscaling;

/// <summary>The Vulkan upscaler on its host-staging backend (lavapipe here): the path of every machine without CUDA interop.</summary>
public class HostStagingTests
{
    private static readonly FrameSize Display = new(128, 96);
    private static readonly FrameSize Render = new(64, 48);

    internal static VulkanUpscaler Create(GpuContext gpu, BackendPreference backend = BackendPreference.HostStaging, double noise = 0.5) =>
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
                ComputeDevice = DevicePreference.Cpu,
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
        Assert.That(upscaler.Backend.Kind, Is.EqualTo(BackendKind.HostStaging));
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(frame));
        Dispatch(upscaler, input, output);
        upscaler.WaitIdle();
        var result = VulkanFrames.Download(gpu, output);
        var expected = TestFrames.CpuReference(frame, seed: 11, strength: 0.5);
        Assert.That(TestFrames.ToImage(result, Display).Pixels, Is.EqualTo(expected.Pixels), "read back, upscaled by the CPU model and uploaded without loss");
        Assert.That(Enumerable.Range(0, (int)Display.Pixels).All(i => result[4 * i + 3] == 255), Is.True, "alpha is opaque");
        Assert.That(VulkanFrames.Download(gpu, input), Is.EqualTo(TestFrames.Pixels(frame)), "the input is left as it was");
        var timings = upscaler.LastTimings;
        TestContext.Out.WriteLine($"host staging on {upscaler.VulkanDeviceName}: {timings}");
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
        Assert.That(result.Pixels, Is.EqualTo(expected.Pixels), "the top-left render region, swizzled in and out");
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
            Assert.That(TestFrames.ToImage(result, Display).Pixels, Is.EqualTo(TestFrames.CpuReference(frame, 11, 0).Pixels), $"frame {i}");
        }
    }

    [Test]
    public void TheAutomaticChoiceIsExplained()
    {
        var gpu = VulkanTests.Gpu;
        using var upscaler = Create(gpu, BackendPreference.Auto);
        TestContext.Out.WriteLine($"backend: {upscaler.Backend.Describe()}");
        if (!gpu.Device.Physical.Extensions.Contains("VK_KHR_external_semaphore_fd"))
        {
            Assert.That(upscaler.Backend.Kind, Is.EqualTo(BackendKind.HostStaging));
            Assert.That(upscaler.Backend.Describe(), Does.Contain("CUDA interop unavailable").And.Contain("VK_KHR_external_semaphore_fd"));
        }
        else Assert.That(upscaler.Backend.Describe(), Does.Contain(BackendNames.Of(upscaler.Backend.Kind)));
    }

    [Test]
    public void ForcingCudaInteropWithoutItsExtensionsNamesThemAndLeavesTheDeviceUsable()
    {
        var gpu = VulkanTests.Gpu;
        if (gpu.Device.Physical.Extensions.Contains("VK_KHR_external_semaphore_fd"))
            Assert.Ignore($"{gpu.Device.Physical.Name} offers the interop extensions; the missing-extension case needs a device without them (lavapipe)");
        var error = Assert.Throws<BackendUnavailableException>(() => Create(gpu, BackendPreference.CudaInterop))!;
        Assert.That(error.Message, Does.Contain("CUDA interop backend was asked for").And.Contain("VK_KHR_external_semaphore_fd"));
        Assert.That(error.Fix, Does.Contain("host-staging"));
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        using var upscaler = Create(gpu);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(TestFrames.Image(Render)));
        Assert.DoesNotThrow(() => Dispatch(upscaler, input, output), "the device still works");
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
        Assert.That(TestFrames.ToImage(VulkanFrames.Download(gpu, output), Display).Pixels, Is.EqualTo(TestFrames.CpuReference(frame, 11, 0).Pixels),
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
        TestContext.Out.WriteLine($"one host-staging frame on {upscaler.VulkanDeviceName}: {upscaler.LastTimings}");
        long Measure(int frames)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < frames; i++) upscaler.Dispatch(frame);
            return (GC.GetAllocatedBytesForCurrentThread() - before) / frames;
        }
        long first = Measure(20), second = Measure(20);
        upscaler.WaitIdle();
        TestContext.Out.WriteLine($"managed bytes per host-staging dispatch after warm-up: {first} then {second} (TorchSharp's per-operation tensor wrappers)");
        Assert.That(first, Is.LessThan(32 * 1024));
        Assert.That(second, Is.LessThanOrEqualTo(first + 512), "flat");
    }

    [Test]
    public void TheRequirementsListWhatCudaInteropNeeds()
    {
        var requirements = VulkanUpscaler.Requirements();
        TestContext.Out.WriteLine($"device extensions: {string.Join(", ", requirements.DeviceExtensions)}; CUDA interop here: {requirements.CudaInteropSupported} ({requirements.CudaInteropReason})");
        string memory = OperatingSystem.IsWindows() ? "VK_KHR_external_memory_win32" : "VK_KHR_external_memory_fd";
        string semaphore = OperatingSystem.IsWindows() ? "VK_KHR_external_semaphore_win32" : "VK_KHR_external_semaphore_fd";
        Assert.That(requirements.DeviceExtensions, Is.SupersetOf(new[] { "VK_KHR_external_memory", memory, "VK_KHR_external_semaphore", semaphore, "VK_KHR_timeline_semaphore" }));
        Assert.That(requirements.InstanceExtensions, Does.Contain("VK_KHR_external_memory_capabilities").And.Contain("VK_KHR_external_semaphore_capabilities"));
        Assert.That(requirements.DeviceFeatures, Has.Some.Contains("timelineSemaphore"));
        Assert.That(requirements.MinimumApiVersion, Is.EqualTo((uint)Vk.Version12));
        Assert.That(requirements.CudaInteropReason, Is.Not.Empty);
        var (driver, _) = GdpoRealtime.Interop.Cuda.CudaDevice.Probe();
        if (!driver) Assert.That(requirements.CudaInteropSupported, Is.False, "no CUDA driver, no CUDA interop");
    }
}
