using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Frames;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// Host staging's steps for a frame recorded into the engine's command buffer, on the engine's thread, none of them
/// waiting: the input's copy into the mapped input buffer is recorded, the network run is posted to the
/// <see cref="HostStagingWorker"/>, and the copy of the newest result (the previous frame's: the network cannot have run
/// inside the submission that copies its input) into the output image is recorded. Frame N (from 0) uses two values of
/// the context's timeline: its submission waits for 2N (the previous frame's result is in the mapped output buffer and
/// the worker is done with the input buffer) and signals 2N+1 (its input is in place); the worker signals 2N+2.
/// </summary>
internal sealed class HostStagingRecordedSteps(VulkanDevice device, GpuBuffer readback, GpuBuffer upload, TimelineSemaphore timeline, HostStagingWorker worker)
    : IFrameSteps<CheckedDispatch>
{
    /// <summary>Recorded frames whose timeline values are spent.</summary>
    private ulong frames;

    /// <summary>What the engine's submission of the last recorded frame must wait for and signal.</summary>
    public VulkanDispatchSemaphores Semaphores { get; private set; }

    /// <summary>The network runs later, on the worker, which reports the split.</summary>
    public FrameTiming Timing => FrameTiming.Reported;

    public void CopyIn(in CheckedDispatch frame) =>
        FrameCopyCommands.RecordCopyIn(device.Vk, frame.EngineCommands, frame, readback.Handle, FrameCopyCommands.BufferOwner.Host, device.QueueFamilyIndex);

    public void RunNetwork(in CheckedDispatch frame)
    {
        if (worker.FullAwaitingInput) RefuseIfOldestNeverSubmitted();
        worker.Post(new HostStagingWorker.Job(frame.RenderSize, frame.InputOrder, frame.OutputOrder, frame.Noise, 2 * frames + 1, 2 * frames + 2));
    }

    /// <summary>
    /// Posting would wait for the oldest recorded frame's input. Once the queue is idle, a submitted frame's input has
    /// arrived; if it still has not, the engine is recording more frames ahead of its submissions than the worker holds,
    /// and waiting would never end: the dispatch fails instead (nothing posted, the frame's values given back).
    /// </summary>
    private void RefuseIfOldestNeverSubmitted()
    {
        lock (device.QueueGate) device.Vk.QueueWaitIdle(device.Queue).Check("vkQueueWaitIdle");
        if (!worker.FullAwaitingInput) return;
        throw new InvalidOperationException(
            $"{HostStagingBackend.MaxRecordedFramesInFlight} frames were recorded into command buffers not yet submitted: the host-staging network " +
            "holds no more. Submit each frame's command buffer, with the semaphores Dispatch returned, before recording that many more; " +
            "discard this frame's command buffer (its copy was recorded, its network was not queued).");
    }

    public void CopyOut(in CheckedDispatch frame)
    {
        // Before any frame's result, the buffer holds the opaque black it was made with.
        FrameCopyCommands.RecordCopyOut(device.Vk, frame.EngineCommands, frame, upload.Handle, FrameCopyCommands.BufferOwner.Host, device.QueueFamilyIndex);
        Semaphores = VulkanDispatchSemaphores.OnTimeline(timeline.Handle, 2 * frames, 2 * frames + 1);
        frames++;
    }

    /// <summary>
    /// The frame's values are not spent (they are counted only once everything is recorded), so the next frame takes
    /// them; a job already posted is taken back, since the engine gets no semaphores to start it.
    /// </summary>
    public void Recover(in CheckedDispatch frame, FrameStep failed)
    {
        if (failed == FrameStep.CopyOut) worker.WithdrawNewest();
    }

    /// <summary>After frames were given up (never submitted): the next frame continues from the timeline's value.</summary>
    public void ContinueFrom(ulong timelineValue) => frames = timelineValue / 2;
}
