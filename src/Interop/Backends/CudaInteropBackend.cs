using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// The CUDA-interop backend's Vulkan half: frames through memory shared with CUDA, with no CPU wait and no pixel in
/// host memory. Frame N (from 0) uses two values of one timeline semaphore T shared with the compute side:
/// <list type="number">
/// <item>Vulkan copy-in (waits T = 2N: the compute side is done with the previous frame's shared buffers): copies the
/// input's render region into the shared input buffer, signals T = 2N+1 ("input ready").</item>
/// <item>Compute (<see cref="ICudaInteropCompute"/>; CUDA on its legacy stream): waits T = 2N+1, copies the shared
/// input into the network's input tensor, runs the network, copies the output tensor into the shared output buffer,
/// signals T = 2N+2 ("output ready").</item>
/// <item>Vulkan copy-out (waits T = 2N+2): copies the shared output into the output image and transitions it.</item>
/// </list>
/// Two forms supply these steps to the context's <see cref="FrameSequencer"/>: the context's own submissions
/// (<see cref="CudaInteropSubmittedSteps"/>: a copy-in and a copy-out submission around the compute side's queued work,
/// the same frame's output), or the engine's command buffer (<see cref="CudaInteropRecordedSteps"/>: frame N's copy-in
/// and the copy-out of the newest result, frame N-1's, in the engine's one submission, which waits for 2N and signals
/// 2N+1). Either way nothing on the CPU waits for the network. Two slots of command buffers and timing queries let the
/// CPU record frame N+1 while frame N runs; the shared buffers are single, so frames follow each other on the GPU. Every
/// object is made at construction: a dispatch allocates nothing.
/// </summary>
internal sealed unsafe class CudaInteropBackend : IVulkanFrameBackend
{
    public const int Slots = 2;

    private readonly ResourceStack resources = new();
    private readonly CudaInteropSubmittedSteps submitted;
    private readonly CudaInteropRecordedSteps recorded;
    private readonly CommandBuffer[] copyIn = new CommandBuffer[Slots];
    private readonly CommandBuffer[] copyOut = new CommandBuffer[Slots];
    private readonly Fence[] done = new Fence[Slots];
    private readonly bool[] pending = new bool[Slots];
    private readonly ulong[] slotFrame = new ulong[Slots];
    private readonly bool[] slotRecorded = new bool[Slots];
    private bool disposed;

    /// <param name="compute">Owned: disposed with the backend, before the Vulkan objects it imported.</param>
    public CudaInteropBackend(VulkanDevice device, FrameProcessor processor, ICudaInteropCompute compute)
    {
        Device = device;
        Processor = processor;
        Compute = compute;
        try
        {
            ulong inputBytes = (ulong)processor.MaxRenderSize.Pixels * PixelFormats.BytesPerPixel;
            ulong outputBytes = (ulong)processor.DisplaySize.Pixels * PixelFormats.BytesPerPixel;
            SharedInput = resources.Add(ExportableBuffer.Create(device, inputBytes, BufferUsageFlags.TransferDstBit));
            SharedOutput = resources.Add(ExportableBuffer.Create(device, outputBytes, BufferUsageFlags.TransferSrcBit));
            Timeline = resources.Add(TimelineSemaphore.Create(device, 0, exportable: compute.ImportsTimeline));
            Timestamps = resources.Add(new TimestampQueries(device, Slots, 4));
            for (int slot = 0; slot < Slots; slot++)
            {
                var input = copyIn[slot] = SubmitHelper.AllocateCommandBuffer(device);
                var output = copyOut[slot] = SubmitHelper.AllocateCommandBuffer(device);
                resources.Add(() => FreeCommandBuffers(input, output));
                var fence = done[slot] = SubmitHelper.CreateFence(device, signalled: false);
                resources.Add(() => device.Vk.DestroyFence(device.Handle, fence, null));
            }
            // The compute side's imports are released before the Vulkan objects they alias (the stack releases in reverse).
            resources.Add(compute);
            compute.Attach(SharedInput, SharedOutput, Timeline);
        }
        catch
        {
            resources.Dispose();
            throw;
        }
        submitted = new CudaInteropSubmittedSteps(this);
        recorded = new CudaInteropRecordedSteps(this);
    }

    internal VulkanDevice Device { get; }
    internal FrameProcessor Processor { get; }
    internal ICudaInteropCompute Compute { get; }
    internal ExportableBuffer SharedInput { get; }
    internal ExportableBuffer SharedOutput { get; }
    internal TimestampQueries Timestamps { get; }
    internal FrameSequencer Sequencer { get; } = new();

    /// <summary>The shared timeline semaphore (for tests and diagnostics).</summary>
    public TimelineSemaphore Timeline { get; }

    /// <summary>Frames whose timeline values are spent (frame N's are 2N+1 and 2N+2).</summary>
    internal ulong FrameIndex { get; set; }

    /// <summary>Whether the shared output holds a frame's result (until then a recorded frame's output is cleared).</summary>
    internal bool HasResult { get; set; }

    /// <summary>The timeline value that means "the last dispatched frame's output is ready".</summary>
    public ulong LastOutputReadyValue => 2 * FrameIndex;

    public FrameTimings LastTimings => Sequencer.LastTimings;

    public (string Cause, string Fix)? RecordingRefusal => null;

    /// <summary>The network runs after the engine's submission has copied the frame in, so its result reaches the next frame's output.</summary>
    public int RecordedFrameLatency => 1;

    internal CommandBuffer CopyInCommands(int slot) => copyIn[slot];
    internal CommandBuffer CopyOutCommands(int slot) => copyOut[slot];
    internal Fence Done(int slot) => done[slot];

    public VulkanDispatchSemaphores Dispatch(in CheckedDispatch frame)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (frame.EngineCommands.Handle != 0)
        {
            Sequencer.Run(recorded, frame);
            return recorded.Semaphores;
        }
        FinishRecordedFrames(throwIfUnsubmitted: true);
        Sequencer.Run(submitted, frame);
        return default;
    }

    /// <summary>Marks the slot's frame as submitted by the context (its fence tells when it is done).</summary>
    internal void Submitted(int slot, ulong frame)
    {
        pending[slot] = true;
        slotFrame[slot] = frame;
    }

    /// <summary>Marks the slot's frame as recorded into the engine's command buffer (the timeline tells when it is done).</summary>
    internal void Recorded(int slot, ulong frame)
    {
        slotRecorded[slot] = true;
        slotFrame[slot] = frame;
    }

    /// <summary>Waits for the slot's submitted frame, if any, and reports its time split (the context's own submissions).</summary>
    internal void Harvest(int slot)
    {
        if (pending[slot])
        {
            SubmitHelper.WaitAndReset(Device, done[slot]);
            pending[slot] = false;
            Report(slot);
        }
        else HarvestRecorded(slot);
    }

    /// <summary>Reports the slot's recorded frame if it has completed, without waiting: a frame not done by then goes unmeasured.</summary>
    internal void HarvestRecorded(int slot)
    {
        if (!slotRecorded[slot]) return;
        slotRecorded[slot] = false;
        if (Timeline.Value >= 2 * slotFrame[slot] + 2) Report(slot);
    }

    private void Report(int slot)
    {
        var (copyInMs, networkMs, copyOutMs) = Compute.Timings(slot);
        Sequencer.Report(new FrameTimings(Timestamps.Milliseconds(slot, 0, 1) + copyInMs, networkMs, copyOutMs + Timestamps.Milliseconds(slot, 2, 3)));
    }

    public void WaitIdle()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        FinishRecordedFrames(throwIfUnsubmitted: true);
        // A recorded frame's compute side completes after its submission: wait for the newest "output ready".
        Timeline.Wait(2 * FrameIndex, Timeout.InfiniteTimeSpan);
        // Oldest slot first, so that LastTimings ends with the newest frame.
        for (ulong i = 0; i < Slots; i++) Harvest((int)((FrameIndex + i) % Slots));
    }

    /// <summary>Whether frames were recorded into the engine's command buffers since the context last made sure they were submitted.</summary>
    internal bool RecordedOutstanding { get; set; }

    /// <summary>
    /// Before a dispatch the context submits itself, WaitIdle or dispose: every recorded frame must have been submitted,
    /// or the context's submissions would wait for values no submission signals. When the newest recorded frame's input
    /// has not arrived, waits for the queue to go idle; frames whose command buffers were never submitted then get their
    /// "input ready" from the host, one frame at a time, so the compute side's queued work completes and the timeline
    /// stays in order; an error says those command buffers must be discarded.
    /// </summary>
    private void FinishRecordedFrames(bool throwIfUnsubmitted)
    {
        if (!RecordedOutstanding) return;
        RecordedOutstanding = false;
        if (Timeline.Value >= 2 * FrameIndex - 1) return;
        lock (Device.QueueGate) Device.Vk.QueueWaitIdle(Device.Queue).Check("vkQueueWaitIdle");
        int unsubmitted = 0;
        for (ulong frame = Timeline.Value / 2; frame < FrameIndex; frame++)
        {
            ulong inputReady = 2 * frame + 1, outputReady = inputReady + 1;
            if (Timeline.Value < inputReady)
            {
                Timeline.Signal(inputReady);
                unsubmitted++;
            }
            Timeline.Wait(outputReady, Timeout.InfiniteTimeSpan);
        }
        if (unsubmitted > 0 && throwIfUnsubmitted)
            throw new InvalidOperationException(
                $"{unsubmitted} frame(s) were recorded into command buffers that were never submitted, so they were completed without their input. " +
                "Submit every command buffer Dispatch recorded into, with the semaphores it returned, before WaitIdle or a dispatch without a command buffer; " +
                "those command buffers must now be discarded (submitting them later would disorder the context's timeline).");
    }

    public void Dispose()
    {
        if (disposed) return;
        try
        {
            FinishRecordedFrames(throwIfUnsubmitted: false);
            for (int slot = 0; slot < Slots; slot++)
                if (pending[slot]) SubmitHelper.Wait(Device, done[slot]);
            Compute.Synchronize();
        }
        finally
        {
            disposed = true;
            resources.Dispose();
        }
    }

    private void FreeCommandBuffers(CommandBuffer input, CommandBuffer output)
    {
        var buffers = stackalloc CommandBuffer[] { input, output };
        Device.Vk.FreeCommandBuffers(Device.Handle, Device.CommandPool, 2, buffers);
    }
}
