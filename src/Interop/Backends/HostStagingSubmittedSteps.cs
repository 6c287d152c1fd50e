using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Frames;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// Host staging's steps when the context submits its own work: the input's render region copied into the mapped input
/// buffer (submitted and waited for: the CPU needs the bytes), the network run where it runs, the result written into
/// the mapped output buffer and its copy into the output image submitted without waiting (the next frame, or
/// <see cref="FinishWrite"/>, waits before the buffer is written again). The calling thread is busy for the whole frame.
/// </summary>
internal sealed unsafe class HostStagingSubmittedSteps(VulkanDevice device, FrameProcessor processor, GpuBuffer readback, GpuBuffer upload,
    CommandBuffer readCommands, CommandBuffer writeCommands, Fence readDone, Fence writeDone) : IFrameSteps<CheckedDispatch>
{
    private bool writePending;

    public FrameTiming Timing => FrameTiming.WallClock;

    public void CopyIn(in CheckedDispatch frame)
    {
        SubmitHelper.Begin(device, readCommands);
        FrameCopyCommands.RecordCopyIn(device.Vk, readCommands, frame, readback.Handle, FrameCopyCommands.BufferOwner.Host, device.QueueFamilyIndex);
        SubmitHelper.End(device, readCommands);
        SubmitHelper.Submit(device, readCommands, readDone);
        SubmitHelper.WaitAndReset(device, readDone);
        int bytes = checked((int)processor.NetworkFor(frame.RenderSize).InputBytes);
        processor.HostCopyFor(frame.RenderSize).WriteInput(new ReadOnlySpan<byte>(readback.Mapped, bytes), 0);
    }

    public void RunNetwork(in CheckedDispatch frame)
    {
        var network = processor.NetworkFor(frame.RenderSize);
        network.Noise = frame.Noise;
        network.Execute(frame.InputOrder, frame.OutputOrder);
        processor.Synchronize();
    }

    public void CopyOut(in CheckedDispatch frame)
    {
        FinishWrite();
        var network = processor.NetworkFor(frame.RenderSize);
        processor.HostCopyFor(frame.RenderSize).ReadOutput(new Span<byte>(upload.Mapped, checked((int)network.OutputBytes)), 0);
        SubmitHelper.Begin(device, writeCommands);
        FrameCopyCommands.RecordCopyOut(device.Vk, writeCommands, frame, upload.Handle, FrameCopyCommands.BufferOwner.Host, device.QueueFamilyIndex);
        SubmitHelper.End(device, writeCommands);
        SubmitHelper.Submit(device, writeCommands, writeDone);
        writePending = true;
    }

    /// <summary>
    /// Each step either completes its submission or makes none (a command buffer left recording is reset when next
    /// begun), and the network's buffers are rewritten by the next frame: nothing to undo.
    /// </summary>
    public void Recover(in CheckedDispatch frame, FrameStep failed)
    {
    }

    /// <summary>Waits for the last frame's copy into its output image, if it is still running.</summary>
    public void FinishWrite()
    {
        if (!writePending) return;
        SubmitHelper.WaitAndReset(device, writeDone);
        writePending = false;
    }

    /// <summary>Waits for the last copy without resetting its fence (before the fence is destroyed).</summary>
    public void WaitForWrite()
    {
        if (writePending) SubmitHelper.Wait(device, writeDone);
    }
}
