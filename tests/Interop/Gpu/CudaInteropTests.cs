using System.Diagnostics;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Backends;
using GdpoRealtime.Interop.Cuda;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Tests.Interop.Gpu;

/// <summary>
/// The CUDA-interop path on a real NVIDIA GPU (skipped elsewhere with the reason). Run with an NVIDIA GPU and
/// <c>TORCH_LIB_DIR</c> set (README, 'With an NVIDIA GPU'):
/// <c>dotnet tests/bin/Release/net10.0/GdpoRealtime.Tests.dll --filter "FullyQualifiedName~Interop.Gpu"</c>; on the project's
/// GPU machine, <c>bash .device/boot.sh dotnet .device/bin/GdpoRealtime.Tests/GdpoRealtime.Tests.dll --filter "FullyQualifiedName~Interop.Gpu"</c>.
/// </summary>
public class CudaInteropTests
{
    private const int BufferBytes = 4 << 20;

    private static CudaExternalBuffer Import(CudaDevice cuda, ExportableBuffer buffer)
    {
        var handle = buffer.Export();
        return handle.IsFileDescriptor
            ? CudaExternalBuffer.ImportOpaqueFd(cuda, (int)handle.Value, buffer.AllocationSize, buffer.Size, buffer.Dedicated)
            : CudaExternalBuffer.ImportOpaqueWin32(cuda, handle.Value, buffer.AllocationSize, buffer.Size, buffer.Dedicated);
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Test]
    public unsafe void AVulkanWrittenBufferIsReadByCudaBitExactly()
    {
        var (gpu, info) = CudaInteropMachine.Require();
        var device = gpu.Device;
        using var cuda = CudaDevice.Open(info);
        using var shared = ExportableBuffer.Create(device, BufferBytes, BufferUsageFlags.TransferDstBit | BufferUsageFlags.TransferSrcBit);
        var expected = RandomBytes(BufferBytes, 1);
        const int filled = 64 * 1024;
        BitConverter.GetBytes(0xDEADBEEFu).CopyTo(expected, 0);
        for (int i = BufferBytes - filled; i < BufferBytes; i += 4) BitConverter.GetBytes(0xDEADBEEFu).CopyTo(expected, i);
        using var staging = GpuBuffer.CreateHostVisible(device, BufferBytes, BufferUsageFlags.TransferSrcBit);
        staging.Write<byte>(expected);
        device.Submit(cmd =>
        {
            FrameCopyCommands.Acquire(device.Vk, cmd, shared.Handle, AccessFlags.TransferWriteBit, device.QueueFamilyIndex);
            var region = new BufferCopy(0, 0, BufferBytes - filled);
            device.Vk.CmdCopyBuffer(cmd, staging.Handle, shared.Handle, 1, &region);
            device.Vk.CmdFillBuffer(cmd, shared.Handle, BufferBytes - filled, filled, 0xDEADBEEFu);
            FrameCopyCommands.Release(device.Vk, cmd, shared.Handle, AccessFlags.TransferWriteBit, device.QueueFamilyIndex);
        });
        using var imported = Import(cuda, shared);
        var read = new byte[BufferBytes];
        imported.Read(read);
        Assert.That(read.AsSpan().SequenceEqual(expected), Is.True, "CUDA reads every byte Vulkan's copy and fill wrote");
    }

    [Test]
    public unsafe void ACudaWriteIsSeenByVulkanBitExactly()
    {
        var (gpu, info) = CudaInteropMachine.Require();
        var device = gpu.Device;
        using var cuda = CudaDevice.Open(info);
        using var shared = ExportableBuffer.Create(device, BufferBytes, BufferUsageFlags.TransferDstBit | BufferUsageFlags.TransferSrcBit);
        using var imported = Import(cuda, shared);
        var written = RandomBytes(BufferBytes, 2);
        imported.Write(written);
        // A device-to-device copy on the stream too (what the frames use): the second half becomes a copy of the first.
        CudaDriver.MemcpyDtoDAsync(imported.DevicePointer + BufferBytes / 2, imported.DevicePointer, BufferBytes / 2, CudaDriver.LegacyStream)
            .Check("cuMemcpyDtoDAsync_v2");
        written.AsSpan(0, BufferBytes / 2).CopyTo(written.AsSpan(BufferBytes / 2));
        cuda.SynchronizeStream();
        using var readback = GpuBuffer.CreateHostVisible(device, BufferBytes, BufferUsageFlags.TransferDstBit);
        device.Submit(cmd =>
        {
            FrameCopyCommands.Acquire(device.Vk, cmd, shared.Handle, AccessFlags.TransferReadBit, device.QueueFamilyIndex);
            var region = new BufferCopy(0, 0, BufferBytes);
            device.Vk.CmdCopyBuffer(cmd, shared.Handle, readback.Handle, 1, &region);
            FrameCopyCommands.Release(device.Vk, cmd, shared.Handle, AccessFlags.TransferReadBit, device.QueueFamilyIndex);
            var barrier = new MemoryBarrier { SType = StructureType.MemoryBarrier, SrcAccessMask = AccessFlags.TransferWriteBit, DstAccessMask = AccessFlags.HostReadBit };
            device.Vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 1, &barrier, 0, null, 0, null);
        });
        Assert.That(readback.Contents.SequenceEqual(written), Is.True, "Vulkan reads every byte CUDA wrote");
    }

    private static VulkanUpscaler CreateInterop(GpuContext gpu, FrameSize display, double noise = 0.5) => VulkanUpscaler.Create(new VulkanUpscalerDescription
    {
        Vulkan = VulkanDeviceHandles.From(gpu.Device),
        Backend = BackendPreference.CudaInterop,
        Upscaling = new UpscalerDescription { DisplaySize = display, Model = TestFrames.X2, NoiseStrength = noise, NoiseSeed = 3 },
    });

    private static VulkanDispatchDescription Frame(GpuImage input, GpuImage output) => new()
    {
        Input = VulkanFrames.Describe(input),
        Output = VulkanFrames.Describe(output, ImageLayout.Undefined),
        OutputFinalLayout = ImageLayout.TransferSrcOptimal,
    };

    [Test]
    public void TheInteropOutputEqualsTheCpuModelWithinHalfPrecision()
    {
        var (gpu, _) = CudaInteropMachine.Require();
        var render = new FrameSize(480, 270);
        var display = new FrameSize(960, 540);
        var frame = TestFrames.Mosaic(render);
        using var input = VulkanFrames.Image(gpu, render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, display, Format.B8G8R8A8Srgb, VulkanFrames.OutputUsage);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(frame));
        using (var upscaler = CreateInterop(gpu, display))
        {
            Assert.That(upscaler.Backend.Kind, Is.EqualTo(BackendKind.CudaInterop));
            Assert.That(upscaler.NetworkDevice, Does.Contain("float16"));
            upscaler.Dispatch(Frame(input, output));
            upscaler.WaitIdle();
            TestContext.Out.WriteLine($"{upscaler.Backend.Describe()}; {upscaler.NetworkDevice}; {upscaler.LastTimings}");
        }
        output.Layout = ImageLayout.TransferSrcOptimal;
        var result = TestFrames.ToImage(VulkanFrames.Download(gpu, output), display, ChannelOrder.Bgra);
        var reference = TestFrames.CpuReference(frame, seed: 3, strength: 0.5);
        double psnr = ImageStatistics.Psnr(result, reference);
        int worst = ImageStatistics.MaxAbsDifference(result, reference);
        double mean = result.Pixels.Zip(reference.Pixels, (a, b) => Math.Abs(a - b)).Average();
        TestContext.Out.WriteLine($"CUDA interop (float16) vs CPU model (float32): {psnr:F1} dB, mean |difference| {mean:F3}, max {worst} levels");
        Assert.That(psnr, Is.GreaterThan(45), "float16 rounding, not a different picture");
        Assert.That(mean, Is.LessThan(0.5));
        Assert.That(worst, Is.LessThanOrEqualTo(8));
    }

    [Test]
    public void BackToBackFramesKeepTheirOrder()
    {
        var (gpu, _) = CudaInteropMachine.Require();
        var render = new FrameSize(480, 270);
        var display = new FrameSize(960, 540);
        const int frames = 16;
        var inputs = Enumerable.Range(0, frames).Select(_ => VulkanFrames.Image(gpu, render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage)).ToList();
        var alone = Enumerable.Range(0, frames).Select(_ => VulkanFrames.Image(gpu, display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage)).ToList();
        var together = Enumerable.Range(0, frames).Select(_ => VulkanFrames.Image(gpu, display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage)).ToList();
        try
        {
            for (int i = 0; i < frames; i++) VulkanFrames.Upload(gpu, inputs[i], TestFrames.Pixels(TestFrames.Mosaic(render, offset: i)));
            using (var upscaler = CreateInterop(gpu, display))
            {
                for (int i = 0; i < frames; i++)
                {
                    upscaler.Dispatch(Frame(inputs[i], alone[i]));
                    upscaler.WaitIdle();
                }
                for (int i = 0; i < frames; i++) upscaler.Dispatch(Frame(inputs[i], together[i]));
                upscaler.WaitIdle();
                var backend = (CudaInteropBackend)upscaler.Implementation;
                Assert.That(backend.Timeline.Value, Is.EqualTo(backend.LastOutputReadyValue));
                Assert.That(backend.LastOutputReadyValue, Is.EqualTo((ulong)(4 * frames)));
            }
            for (int i = 0; i < frames; i++)
            {
                alone[i].Layout = together[i].Layout = ImageLayout.TransferSrcOptimal;
                var a = TestFrames.ToImage(VulkanFrames.Download(gpu, alone[i]), display);
                var b = TestFrames.ToImage(VulkanFrames.Download(gpu, together[i]), display);
                Assert.That(ImageStatistics.MaxAbsDifference(a, b), Is.LessThanOrEqualTo(1), $"frame {i}: back to back equals one at a time");
                if (i > 0) Assert.That(ImageStatistics.Psnr(a, TestFrames.ToImage(VulkanFrames.Download(gpu, alone[i - 1]), display)), Is.LessThan(30), "frames differ");
            }
        }
        finally
        {
            foreach (var image in inputs.Concat(alone).Concat(together)) image.Dispose();
        }
    }

    [Test]
    public void TenThousandDispatchesKeepGpuAndHostMemoryFlat()
    {
        var (gpu, info) = CudaInteropMachine.Require();
        var render = new FrameSize(480, 270);
        var display = new FrameSize(960, 540);
        using var input = VulkanFrames.Image(gpu, render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(TestFrames.Mosaic(render)));
        using var cuda = CudaDevice.Open(info);
        using var upscaler = CreateInterop(gpu, display);
        var frame = Frame(input, output);
        for (int i = 0; i < 200; i++) upscaler.Dispatch(frame);
        upscaler.WaitIdle();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var (gpuFreeBefore, _) = cuda.MemoryInfo();
        long hostBefore = process.PrivateMemorySize64;
        long managedBefore = GC.GetAllocatedBytesForCurrentThread();
        int collectionsBefore = GC.CollectionCount(0);
        var watch = Stopwatch.StartNew();
        const int dispatches = 10_000;
        for (int i = 0; i < dispatches; i++) upscaler.Dispatch(frame);
        upscaler.WaitIdle();
        double seconds = watch.Elapsed.TotalSeconds;
        long managedPerDispatch = (GC.GetAllocatedBytesForCurrentThread() - managedBefore) / dispatches;
        int collections = GC.CollectionCount(0) - collectionsBefore;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        var (gpuFreeAfter, _) = cuda.MemoryInfo();
        long hostAfter = process.PrivateMemorySize64;
        TestContext.Out.WriteLine($"{dispatches} dispatches in {seconds:F1} s ({dispatches / seconds:F0} frames/s, CPU not waiting); " +
            $"GPU free memory {(long)gpuFreeBefore - (long)gpuFreeAfter:N0} bytes less; host private memory {hostAfter - hostBefore:N0} bytes more; " +
            $"{managedPerDispatch:N0} managed bytes per dispatch, {collections} gen-0 collections");
        Assert.That((long)gpuFreeBefore - (long)gpuFreeAfter, Is.LessThan(4L << 20), "no GPU memory grows per frame");
        Assert.That(hostAfter - hostBefore, Is.LessThan(64L << 20), "no host memory grows per frame");
        Assert.That(managedPerDispatch, Is.LessThan(32 * 1024));
    }
}
