using System.Diagnostics;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// Frames through host memory: the input's render region is copied into a mapped buffer (the CPU waits for that
/// copy, which cannot be avoided on this path), upscaled by the network wherever it runs, and the result is written
/// into a second mapped buffer and copied into the output image. The upload is not waited for: the next dispatch (or
/// <see cref="WaitIdle"/>) waits before reusing its buffer. Buffers, command buffers and fences are made once.
/// </summary>
internal sealed unsafe class HostStagingBackend : IVulkanFrameBackend
{
    private readonly VulkanDevice device;
    private readonly FrameProcessor processor;
    private readonly GpuBuffer readback;
    private readonly GpuBuffer upload;
    private readonly CommandBuffer readCommands;
    private readonly CommandBuffer writeCommands;
    private readonly Fence readDone;
    private readonly Fence writeDone;
    private readonly Stopwatch watch = new();
    private bool writePending;
    private bool disposed;

    public HostStagingBackend(VulkanDevice device, FrameProcessor processor)
    {
        this.device = device;
        this.processor = processor;
        var resources = new ResourceStack();
        try
        {
            ulong inputBytes = (ulong)processor.MaxRenderSize.Pixels * PixelFormats.BytesPerPixel;
            ulong outputBytes = (ulong)processor.DisplaySize.Pixels * PixelFormats.BytesPerPixel;
            readback = resources.Add(GpuBuffer.CreateHostVisible(device, inputBytes, BufferUsageFlags.TransferDstBit, preferCached: true));
            upload = resources.Add(GpuBuffer.CreateHostVisible(device, outputBytes, BufferUsageFlags.TransferSrcBit));
            readCommands = SubmitHelper.AllocateCommandBuffer(device);
            writeCommands = SubmitHelper.AllocateCommandBuffer(device);
            readDone = SubmitHelper.CreateFence(device, signalled: false);
            resources.Add(() => device.Vk.DestroyFence(device.Handle, readDone, null));
            writeDone = SubmitHelper.CreateFence(device, signalled: false);
            resources.Add(() => device.Vk.DestroyFence(device.Handle, writeDone, null));
        }
        catch
        {
            resources.Dispose();
            throw;
        }
    }

    public FrameTimings LastTimings { get; private set; }

    public void Dispatch(in CheckedDispatch frame)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var vk = device.Vk;
        var pipeline = processor.PipelineFor(frame.RenderSize);
        var copy = processor.HostCopyFor(frame.RenderSize);
        watch.Restart();

        SubmitHelper.Begin(device, readCommands);
        FrameCopyCommands.RecordCopyIn(vk, readCommands, frame, readback.Handle, FrameCopyCommands.BufferOwner.Host, device.QueueFamilyIndex);
        SubmitHelper.End(device, readCommands);
        SubmitHelper.Submit(device, readCommands, readDone);
        SubmitHelper.WaitAndReset(device, readDone);
        int inputBytes = checked((int)pipeline.InputBytes);
        copy.WriteInput(new ReadOnlySpan<byte>(readback.Mapped, inputBytes), 0);
        double handoffIn = watch.Elapsed.TotalMilliseconds;

        pipeline.Noise = frame.Noise;
        pipeline.Execute(frame.InputOrder, frame.OutputOrder);
        processor.Synchronize();
        double network = watch.Elapsed.TotalMilliseconds - handoffIn;

        FinishWrite();
        copy.ReadOutput(new Span<byte>(upload.Mapped, checked((int)pipeline.OutputBytes)), 0);
        SubmitHelper.Begin(device, writeCommands);
        FrameCopyCommands.RecordCopyOut(vk, writeCommands, frame, upload.Handle, FrameCopyCommands.BufferOwner.Host, device.QueueFamilyIndex);
        SubmitHelper.End(device, writeCommands);
        SubmitHelper.Submit(device, writeCommands, writeDone);
        writePending = true;
        LastTimings = new FrameTimings(handoffIn, network, watch.Elapsed.TotalMilliseconds - handoffIn - network);
    }

    public void WaitIdle()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        FinishWrite();
    }

    private void FinishWrite()
    {
        if (!writePending) return;
        SubmitHelper.WaitAndReset(device, writeDone);
        writePending = false;
    }

    public void Dispose()
    {
        if (disposed) return;
        if (writePending) SubmitHelper.Wait(device, writeDone);
        disposed = true;
        var vk = device.Vk;
        var buffers = stackalloc CommandBuffer[] { readCommands, writeCommands };
        vk.FreeCommandBuffers(device.Handle, device.CommandPool, 2, buffers);
        vk.DestroyFence(device.Handle, readDone, null);
        vk.DestroyFence(device.Handle, writeDone, null);
        readback.Dispose();
        upload.Dispose();
    }
}
