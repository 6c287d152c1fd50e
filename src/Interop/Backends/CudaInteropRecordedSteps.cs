using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Runtime.Frames;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// The CUDA-interop backend's steps for a frame recorded into the engine's command buffer: frame N's copy-in, the
/// compute side's queued frame (it waits for "input ready" 2N+1, which the engine's submission signals once submitted
/// and run), and the copy-out of the newest result into the output image. That result is frame N-1's: the engine's one
/// submission waits for 2N before its transfers and the compute side runs after it, so this frame's network cannot
/// finish inside it. The first recorded frame, with no result yet, clears the output to opaque black. Nothing waits on
/// the CPU; the slot's timings are reported if its frame has completed when the slot comes round.
/// </summary>
internal sealed class CudaInteropRecordedSteps(CudaInteropBackend backend) : IFrameSteps<CheckedDispatch>
{
    private int slot;
    private ulong frame;

    /// <summary>What the engine's submission of the last recorded frame must wait for and signal.</summary>
    public VulkanDispatchSemaphores Semaphores { get; private set; }

    public FrameTiming Timing => FrameTiming.Reported;

    public void CopyIn(in CheckedDispatch dispatch)
    {
        var device = backend.Device;
        var commands = dispatch.EngineCommands;
        frame = backend.FrameIndex;
        slot = (int)(frame % CudaInteropBackend.Slots);
        backend.HarvestRecorded(slot);
        backend.Timestamps.Reset(commands, slot);
        // At the transfer stage, which the submission's wait for the previous frame holds back (TOP_OF_PIPE is not):
        // the copy-in time excludes that wait, as the submitted form's does.
        backend.Timestamps.Write(commands, slot, 0, PipelineStageFlags.TransferBit);
        // A frame the context submitted itself may still be copying the shared output out when this submission's
        // "input ready" lets the compute side overwrite it.
        FrameCopyCommands.AfterEarlierTransfers(device.Vk, commands);
        FrameCopyCommands.RecordCopyIn(device.Vk, commands, dispatch, backend.SharedInput.Handle, FrameCopyCommands.BufferOwner.External, device.QueueFamilyIndex);
        backend.Timestamps.Write(commands, slot, 1, PipelineStageFlags.BottomOfPipeBit);
    }

    public void RunNetwork(in CheckedDispatch dispatch)
    {
        backend.Compute.MakeCurrent();
        backend.Compute.Enqueue(slot, backend.Processor.NetworkFor(dispatch.RenderSize), dispatch.InputOrder, dispatch.OutputOrder, dispatch.Noise,
            2 * frame + 1, 2 * frame + 2);
    }

    public void CopyOut(in CheckedDispatch dispatch)
    {
        var device = backend.Device;
        var commands = dispatch.EngineCommands;
        backend.Timestamps.Write(commands, slot, 2, PipelineStageFlags.TopOfPipeBit);
        if (backend.HasResult)
            FrameCopyCommands.RecordCopyOut(device.Vk, commands, dispatch, backend.SharedOutput.Handle, FrameCopyCommands.BufferOwner.External, device.QueueFamilyIndex);
        else FrameCopyCommands.RecordClearOutput(device.Vk, commands, dispatch);
        backend.Timestamps.Write(commands, slot, 3, PipelineStageFlags.BottomOfPipeBit);
        Semaphores = VulkanDispatchSemaphores.OnTimeline(backend.Timeline.Handle, 2 * frame, 2 * frame + 1);
        backend.FrameIndex = frame + 1;
        backend.Recorded(slot, frame);
        backend.RecordedOutstanding = true;
        backend.HasResult = true;
    }

    /// <summary>
    /// The frame's values are not spent (they are counted only once everything is recorded): the next frame takes them,
    /// and a wait the compute side may have queued for this frame's "input ready" is met by that frame's. The commands
    /// already recorded into the engine's command buffer copy the input into the shared buffer; the engine submits them
    /// without the upscaler's semaphores or discards them.
    /// </summary>
    public void Recover(in CheckedDispatch dispatch, FrameStep failed)
    {
    }
}
