using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// Frames through host memory: the input's render region is copied into a mapped buffer, upscaled by the network
/// wherever it runs, and the result is written into a second mapped buffer and copied into the output image. Two forms,
/// both run through the context's <see cref="FrameSequencer"/>:
/// <list type="bullet">
/// <item>the context submits (<see cref="HostStagingSubmittedSteps"/>): Dispatch waits for the input's copy and runs the
/// network on the calling thread; the output is that frame's;</item>
/// <item>the engine's command buffer (<see cref="HostStagingRecordedSteps"/>; needs timeline semaphores): Dispatch only
/// records the copies and posts the network to a <see cref="HostStagingWorker"/>; the engine's one submission waits for
/// and signals the timeline values Dispatch returns; the output is the previous recorded frame's (black at first).</item>
/// </list>
/// Switching from the recorded form to the submitted one waits for the recorded frames' network first (they share the
/// buffers). Buffers, command buffers, fences, the timeline and the worker are made once.
/// </summary>
internal sealed unsafe class HostStagingBackend : IVulkanFrameBackend
{
    /// <summary>Recorded frames whose network may be waiting at once before Dispatch waits for the oldest.</summary>
    public const int MaxRecordedFramesInFlight = 8;

    private readonly VulkanDevice device;
    private readonly ResourceStack resources = new();
    private readonly FrameSequencer sequencer = new();
    private readonly HostStagingSubmittedSteps submitted;
    private readonly HostStagingRecordedSteps? recorded;
    private readonly HostStagingWorker? worker;
    private readonly TimelineSemaphore? timeline;
    private bool disposed;

    /// <param name="workerSteps">For tests: wraps the worker's steps (to make one fail); null runs them as they are.</param>
    public HostStagingBackend(VulkanDevice device, FrameProcessor processor,
        Func<IFrameSteps<HostStagingWorker.Job>, IFrameSteps<HostStagingWorker.Job>>? workerSteps = null)
    {
        this.device = device;
        try
        {
            ulong inputBytes = (ulong)processor.MaxRenderSize.Pixels * PixelFormats.BytesPerPixel;
            ulong outputBytes = (ulong)processor.DisplaySize.Pixels * PixelFormats.BytesPerPixel;
            var readback = resources.Add(GpuBuffer.CreateHostVisible(device, inputBytes, BufferUsageFlags.TransferDstBit, preferCached: true));
            var upload = resources.Add(GpuBuffer.CreateHostVisible(device, outputBytes, BufferUsageFlags.TransferSrcBit));
            // Opaque black: what a recorded frame's output shows before any frame has a result.
            FillOpaqueBlack(upload, outputBytes);
            var readCommands = SubmitHelper.AllocateCommandBuffer(device);
            resources.Add(() => Free(device, readCommands));
            var writeCommands = SubmitHelper.AllocateCommandBuffer(device);
            resources.Add(() => Free(device, writeCommands));
            var readDone = SubmitHelper.CreateFence(device, signalled: false);
            resources.Add(() => device.Vk.DestroyFence(device.Handle, readDone, null));
            var writeDone = SubmitHelper.CreateFence(device, signalled: false);
            resources.Add(() => device.Vk.DestroyFence(device.Handle, writeDone, null));
            submitted = new HostStagingSubmittedSteps(device, processor, readback, upload, readCommands, writeCommands, readDone, writeDone);
            if (device.TimelineSemaphoreEnabled)
            {
                timeline = resources.Add(TimelineSemaphore.Create(device, 0));
                IFrameSteps<HostStagingWorker.Job> steps = new HostStagingWorkerSteps(processor, readback, upload, timeline);
                worker = new HostStagingWorker(timeline, workerSteps?.Invoke(steps) ?? steps, MaxRecordedFramesInFlight, sequencer);
                recorded = new HostStagingRecordedSteps(device, readback, upload, timeline, worker);
            }
        }
        catch
        {
            resources.Dispose();
            throw;
        }
    }

    private static void FillOpaqueBlack(GpuBuffer buffer, ulong bytes)
    {
        var pixels = new Span<uint>(buffer.Mapped, checked((int)(bytes / 4)));
        pixels.Fill(BitConverter.IsLittleEndian ? 0xFF000000u : 0x000000FFu);
    }

    private static void Free(VulkanDevice device, CommandBuffer buffer) => device.Vk.FreeCommandBuffers(device.Handle, device.CommandPool, 1, &buffer);

    public FrameTimings LastTimings => sequencer.LastTimings;

    public (string Cause, string Fix)? RecordingRefusal => timeline is not null ? null : (
        "The host staging backend records into the engine's command buffer only with timeline semaphores, and the device was created without them",
        "Enable VkPhysicalDeviceVulkan12Features.timelineSemaphore and set VulkanDeviceHandles.TimelineSemaphoreEnabled, or leave VulkanDispatchDescription.CommandBuffer at 0 so the context submits its own work.");

    /// <summary>The network runs after the engine's submission has copied the frame in, so its result reaches the next frame's output.</summary>
    public int RecordedFrameLatency => 1;

    /// <summary>Recorded frames whose network has not finished (for tests and diagnostics).</summary>
    public int PendingRecordedFrames => worker?.Pending ?? 0;

    /// <summary>The timeline the engine's submissions of recorded frames wait for and signal (null without timeline semaphores).</summary>
    public TimelineSemaphore? Timeline => timeline;

    public VulkanDispatchSemaphores Dispatch(in CheckedDispatch frame)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        worker?.ThrowIfFailed();
        if (frame.EngineCommands.Handle != 0)
        {
            sequencer.Run(recorded!, frame);
            return recorded!.Semaphores;
        }
        // The recorded frames use the same buffers and frame network: let them finish first.
        FinishRecordedFrames();
        sequencer.Run(submitted, frame);
        return default;
    }

    public void WaitIdle()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        FinishRecordedFrames();
        submitted.FinishWrite();
        worker?.ThrowIfFailed();
    }

    /// <summary>
    /// Waits until the network has run for every recorded frame whose command buffer was submitted; frames recorded
    /// into command buffers never submitted are given up (an error says so: those command buffers must be discarded).
    /// </summary>
    private void FinishRecordedFrames()
    {
        if (worker is null || worker.Pending == 0) return;
        // Submitted frames wait for the worker on the queue and the worker for them: once the queue is idle, only
        // frames never submitted remain unstarted.
        lock (device.QueueGate) device.Vk.QueueWaitIdle(device.Queue).Check("vkQueueWaitIdle");
        int abandoned = worker.Finish();
        if (abandoned == 0) return;
        recorded!.ContinueFrom(timeline!.Value);
        throw new InvalidOperationException(
            $"{abandoned} frame(s) were recorded into command buffers that were never submitted, so their network could not run. " +
            "Submit every command buffer Dispatch recorded into, with the semaphores it returned, before WaitIdle or a dispatch without a command buffer; " +
            "those command buffers must now be discarded (submitting them later would disorder the context's timeline).");
    }

    public void Dispose()
    {
        if (disposed) return;
        // The engine's submissions reference the timeline and the buffers: nothing is released before the queue is idle.
        Result waited;
        lock (device.QueueGate) waited = device.Vk.QueueWaitIdle(device.Queue);
        disposed = true;
        try
        {
            worker?.Dispose();
            submitted.WaitForWrite();
        }
        finally
        {
            resources.Dispose();
        }
        waited.Check("vkQueueWaitIdle");
    }
}
