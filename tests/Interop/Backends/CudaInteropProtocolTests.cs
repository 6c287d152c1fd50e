using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Backends;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Tests.Interop.Backends;

/// <summary>
/// The Vulkan half of the CUDA-interop backend (shared exported buffers, one timeline semaphore, copy-in and copy-out
/// submissions, barriers and queue-family hand-overs) driven end to end on lavapipe, with a host thread playing
/// CUDA's part. On the GPU machine CudaInteropTests run the same protocol with CUDA itself.
/// </summary>
public class CudaInteropProtocolTests
{
    private static readonly FrameSize Display = new(128, 96);
    private static readonly FrameSize Render = new(64, 48);

    private static (VulkanUpscaler Upscaler, HostEmulatedCompute Compute) Create(GpuContext gpu, int delayMilliseconds = 0)
    {
        if (!HostEmulatedCompute.CanEmulate(gpu.Device, out string reason)) Assert.Ignore(reason);
        HostEmulatedCompute? compute = null;
        var upscaler = VulkanUpscaler.CreateWithExternalCompute(new VulkanUpscalerDescription
        {
            Vulkan = VulkanDeviceHandles.From(gpu.Device),
            Upscaling = new UpscalerDescription
            {
                DisplaySize = Display,
                Model = TestFrames.X2,
                NoiseStrength = 0.5,
                NoiseSeed = 5,
                Device = DevicePreference.Cpu,
            },
        }, () => compute = new HostEmulatedCompute(gpu.Device) { DelayMilliseconds = delayMilliseconds });
        return (upscaler, compute!);
    }

    private static CudaInteropBackend Backend(VulkanUpscaler upscaler) => (CudaInteropBackend)upscaler.Implementation;

    private static VulkanDispatchDescription Frame(GpuImage input, GpuImage output) => new()
    {
        Input = VulkanFrames.Describe(input),
        Output = VulkanFrames.Describe(output, ImageLayout.Undefined),
        OutputFinalLayout = ImageLayout.TransferSrcOptimal,
    };

    [Test]
    public void AFrameThroughSharedMemoryEqualsTheCpuModel()
    {
        var gpu = VulkanTests.Gpu;
        var frame = TestFrames.Image(Render, which: 2);
        using var input = VulkanFrames.Image(gpu, Render, Format.B8G8R8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(frame, ChannelOrder.Bgra), ImageLayout.General);
        var (upscaler, _) = Create(gpu);
        using (upscaler)
        {
            Assert.That(upscaler.Backend.Kind, Is.EqualTo(BackendKind.CudaInterop));
            upscaler.Dispatch(Frame(input, output));
            upscaler.WaitIdle();
            Assert.That(Backend(upscaler).Timeline.Value, Is.EqualTo(2), "input ready (1), then output ready (2)");
            TestContext.Out.WriteLine($"shared-memory protocol on {upscaler.VulkanDeviceName}, host-emulated CUDA: {upscaler.LastTimings}");
            Assert.That(upscaler.LastTimings.NetworkMilliseconds, Is.GreaterThan(0));
        }
        output.Layout = ImageLayout.TransferSrcOptimal;
        var result = TestFrames.ToImage(VulkanFrames.Download(gpu, output), Display);
        Assert.That(result.Pixels, Is.EqualTo(TestFrames.CpuReference(frame, seed: 5, strength: 0.5).Pixels));
    }

    [Test]
    public void BackToBackFramesKeepTheirOrderAndEachGetsItsOwnOutput()
    {
        var gpu = VulkanTests.Gpu;
        const int frames = 6;
        var images = Enumerable.Range(0, frames).Select(i => TestImages.Load(TestImages.All[i % TestImages.All.Count]).Crop(i * 3, i * 2, Render.Width, Render.Height)).ToList();
        var inputs = images.Select(_ => VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage)).ToList();
        var outputs = images.Select(_ => VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage)).ToList();
        try
        {
            for (int i = 0; i < frames; i++) VulkanFrames.Upload(gpu, inputs[i], TestFrames.Pixels(images[i]));
            // The emulated stream sleeps after reading each input: a copy-in that did not wait for the previous
            // frame's "output ready" would overwrite the shared input (or output) while it is in use.
            var (upscaler, compute) = Create(gpu, delayMilliseconds: 15);
            using (upscaler)
            {
                for (int i = 0; i < frames; i++) upscaler.Dispatch(Frame(inputs[i], outputs[i]));
                upscaler.WaitIdle();
                Assert.That(compute.Order, Is.EqualTo(Enumerable.Range(0, frames).Select(i => (ulong)(2 * i + 1))), "frames consumed in dispatch order");
                Assert.That(Backend(upscaler).Timeline.Value, Is.EqualTo(2 * frames));
            }
            for (int i = 0; i < frames; i++)
            {
                outputs[i].Layout = ImageLayout.TransferSrcOptimal;
                var result = TestFrames.ToImage(VulkanFrames.Download(gpu, outputs[i]), Display);
                Assert.That(result.Pixels, Is.EqualTo(TestFrames.CpuReference(images[i], seed: 5, strength: 0.5).Pixels), $"frame {i}");
            }
        }
        finally
        {
            foreach (var image in inputs.Concat(outputs)) image.Dispose();
        }
    }

    [Test]
    public void AFailingComputeStepLeavesTheQueueAndTheContextUsable()
    {
        var gpu = VulkanTests.Gpu;
        var frame = TestFrames.Image(Render);
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(frame));
        var (upscaler, compute) = Create(gpu);
        using (upscaler)
        {
            compute.FailNextEnqueue = true;
            var error = Assert.Throws<InvalidOperationException>(() => upscaler.Dispatch(Frame(input, output)))!;
            Assert.That(error.Message, Does.Contain("emulated CUDA failure"));
            Assert.That(Backend(upscaler).Timeline.Value, Is.EqualTo(2), "the failed frame's values were completed, so nothing waits forever");
            upscaler.Dispatch(Frame(input, output));
            upscaler.WaitIdle();
        }
        output.Layout = ImageLayout.TransferSrcOptimal;
        Assert.That(TestFrames.ToImage(VulkanFrames.Download(gpu, output), Display).Pixels, Is.EqualTo(TestFrames.CpuReference(frame, 5, 0.5).Pixels));
    }
}
