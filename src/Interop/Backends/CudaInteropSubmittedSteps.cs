using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Frames;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// The CUDA-interop backend's steps when the context submits its own work: a copy-in submission (waits for the
/// previous frame's "output ready", signals "input ready"), the compute side's queued frame, and a copy-out submission
/// (waits for "output ready"), none waited for on the CPU except the slot's frame from two dispatches ago.
/// </summary>
internal sealed class CudaInteropSubmittedSteps(CudaInteropBackend backend) : IFrameSteps<CheckedDispatch>
{
    private int slot;
    private ulong frame;
    private bool spent;

    /// <summary>GPU timestamps and the compute side's events, read when the slot comes round again.</summary>
    public FrameTiming Timing => FrameTiming.Reported;

    private ulong InputReady => 2 * frame + 1;
    private ulong OutputReady => 2 * frame + 2;

    public void CopyIn(in CheckedDispatch dispatch)
    {
        var device = backend.Device;
        frame = backend.FrameIndex;
        slot = (int)(frame % CudaInteropBackend.Slots);
        spent = false;
        backend.Harvest(slot);
        var commands = backend.CopyInCommands(slot);
        SubmitHelper.Begin(device, commands);
        backend.Timestamps.Reset(commands, slot);
        backend.Timestamps.Write(commands, slot, 0, PipelineStageFlags.TopOfPipeBit);
        FrameCopyCommands.AfterEarlierTransfers(device.Vk, commands);
        FrameCopyCommands.RecordCopyIn(device.Vk, commands, dispatch, backend.SharedInput.Handle, FrameCopyCommands.BufferOwner.External, device.QueueFamilyIndex);
        backend.Timestamps.Write(commands, slot, 1, PipelineStageFlags.BottomOfPipeBit);
        SubmitHelper.End(device, commands);
        var timeline = backend.Timeline.Handle;
        SubmitHelper.Submit(device, commands, default, timeline, 2 * frame, PipelineStageFlags.AllCommandsBit, timeline, InputReady);
        // From here on the frame's timeline values are spent: a failure below must still complete them.
        backend.FrameIndex = frame + 1;
        spent = true;
    }

    public void RunNetwork(in CheckedDispatch dispatch)
    {
        backend.Compute.MakeCurrent();
        backend.Compute.Enqueue(slot, backend.Processor.NetworkFor(dispatch.RenderSize), dispatch.InputOrder, dispatch.OutputOrder, dispatch.Noise, InputReady, OutputReady);
    }

    public void CopyOut(in CheckedDispatch dispatch)
    {
        var device = backend.Device;
        var commands = backend.CopyOutCommands(slot);
        SubmitHelper.Begin(device, commands);
        backend.Timestamps.Write(commands, slot, 2, PipelineStageFlags.TopOfPipeBit);
        FrameCopyCommands.RecordCopyOut(device.Vk, commands, dispatch, backend.SharedOutput.Handle, FrameCopyCommands.BufferOwner.External, device.QueueFamilyIndex);
        backend.Timestamps.Write(commands, slot, 3, PipelineStageFlags.BottomOfPipeBit);
        SubmitHelper.End(device, commands);
        SubmitHelper.Submit(device, commands, backend.Done(slot), backend.Timeline.Handle, OutputReady, PipelineStageFlags.AllCommandsBit);
        backend.Submitted(slot, frame);
        backend.HasResult = true;
    }

    /// <summary>
    /// Once the copy-in is submitted its values are spent: when the compute side failed to queue the frame, the timeline
    /// is left where the next frame expects it (waiting here for "input ready", which our own submission signals, then
    /// signalling "output ready"), so that the engine's queue never waits forever.
    /// </summary>
    public void Recover(in CheckedDispatch dispatch, FrameStep failed)
    {
        if (!spent || failed != FrameStep.Network) return;
        backend.Timeline.Wait(InputReady, Timeout.InfiniteTimeSpan);
        if (backend.Timeline.Value < OutputReady) backend.Timeline.Signal(OutputReady);
    }
}
