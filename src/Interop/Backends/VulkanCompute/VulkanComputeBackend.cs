using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>
/// The vulkan-compute backend: each dispatch records the network's passes (<see cref="NetworkRecorder"/>, as its frame
/// steps, in the <see cref="FrameSequencer"/>'s order) into the engine's command buffer when the dispatch carries one,
/// and otherwise into one of its own, which it submits to the engine's queue without waiting (a ring of
/// <see cref="Slots"/> command buffers, each reused once its fence has signalled, which it has long before in practice).
/// Timings are GPU timestamps of the frame's copies and passes, reported once that frame has completed. Nothing is
/// created per dispatch; a dispatch's noise strength is a push constant, its seed (when another) a new window upload.
/// </summary>
internal sealed class VulkanComputeBackend : IVulkanFrameBackend, IFrameSteps<CheckedDispatch>
{
    /// <summary>Frames the context's own submissions may have in flight.</summary>
    public const int Slots = 3;

    /// <summary>Timestamp slots: enough that a frame recorded into the engine's command buffer has completed when its slot comes round again.</summary>
    private const int TimingSlots = 8;

    private readonly VulkanDevice device;
    private readonly CommandBuffer[] commands = new CommandBuffer[Slots];
    private readonly Fence[] fences = new Fence[Slots];
    private readonly bool[] pending = new bool[Slots];
    private readonly long[] timingFrame = new long[TimingSlots];
    private readonly TimestampQueries timestamps;
    private readonly ComputeObjects objects;
    private readonly FrameSequencer sequencer = new();
    private long frames;
    private CommandBuffer recording;
    private bool disposed;

    public VulkanComputeBackend(VulkanDevice device, VulkanComputeNetwork network)
    {
        this.device = device;
        Network = network;
        objects = new ComputeObjects(device);
        try
        {
            for (int i = 0; i < Slots; i++)
            {
                commands[i] = objects.CommandBuffer();
                fences[i] = objects.Fence(signalled: false);
            }
            timestamps = objects.Timestamps(TimingSlots, NetworkRecorder.TimestampsPerFrame);
        }
        catch
        {
            objects.Dispose();
            throw;
        }
        Array.Fill(timingFrame, -1);
    }

    public VulkanComputeNetwork Network { get; }

    /// <summary>Vulkan objects and allocations made by the backend and its network (creation only).</summary>
    public long ObjectsCreated => objects.Created + Network.ObjectsCreated;

    public FrameTimings LastTimings => sequencer.LastTimings;

    public (string Cause, string Fix)? RecordingRefusal => null;

    /// <summary>The network runs inside the engine's submission: a recorded frame's output is that frame's.</summary>
    public int RecordedFrameLatency => 0;

    public VulkanDispatchSemaphores Dispatch(in CheckedDispatch frame)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        // Before anything is recorded: a failed upload leaves the engine's command buffer untouched.
        Network.UseSeed(frame.Noise.Seed);
        sequencer.Run(this, frame);
        return default;
    }

    private int TimingSlot => (int)(frames % TimingSlots);

    FrameTiming IFrameSteps<CheckedDispatch>.Timing => FrameTiming.Reported;

    void IFrameSteps<CheckedDispatch>.CopyIn(in CheckedDispatch frame)
    {
        // The slot's previous frame was recorded TimingSlots dispatches ago: report it before its queries are reset.
        ReadTimings(TimingSlot);
        if (frame.EngineCommands.Handle != 0) recording = frame.EngineCommands;
        else
        {
            int slot = (int)(frames % Slots);
            if (pending[slot]) SubmitHelper.WaitAndReset(device, fences[slot]);
            pending[slot] = false;
            recording = commands[slot];
            SubmitHelper.Begin(device, recording);
        }
        NetworkRecorder.RecordCopyIn(Network, recording, frame, timestamps, TimingSlot);
    }

    void IFrameSteps<CheckedDispatch>.RunNetwork(in CheckedDispatch frame) =>
        NetworkRecorder.RecordNetwork(Network, recording, frame, timestamps, TimingSlot);

    void IFrameSteps<CheckedDispatch>.CopyOut(in CheckedDispatch frame)
    {
        NetworkRecorder.RecordCopyOut(Network, recording, frame, timestamps, TimingSlot);
        if (frame.EngineCommands.Handle == 0)
        {
            int slot = (int)(frames % Slots);
            SubmitHelper.End(device, recording);
            SubmitHelper.Submit(device, recording, fences[slot]);
            pending[slot] = true;
        }
        timingFrame[TimingSlot] = frames;
        frames++;
    }

    /// <summary>
    /// Nothing was submitted: the context's own command buffer is reset when its slot is next begun, and the frame's
    /// timestamps slot is reused by the next frame. Commands already recorded into an engine's command buffer stay there
    /// (recording cannot fail short of a bug): they copy the input and run passes, harmless to the engine's images.
    /// </summary>
    void IFrameSteps<CheckedDispatch>.Recover(in CheckedDispatch frame, FrameStep failed)
    {
    }

    private void ReadTimings(int slot)
    {
        if (timingFrame[slot] < 0 || !timestamps.Supported) return;
        double start = timestamps.Milliseconds(slot, 0, 1), network = timestamps.Milliseconds(slot, 1, 2), end = timestamps.Milliseconds(slot, 2, 3);
        if (start + network + end > 0) sequencer.Report(new FrameTimings(start, network, end));
    }

    public void WaitIdle()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        // Frames recorded into the engine's command buffers are waited for on the queue they were submitted to.
        lock (device.QueueGate) device.Vk.QueueWaitIdle(device.Queue).Check("vkQueueWaitIdle");
        for (int i = 0; i < Slots; i++)
        {
            if (!pending[i]) continue;
            SubmitHelper.WaitAndReset(device, fences[i]);
            pending[i] = false;
        }
        // The latest frame is complete now: report it.
        if (frames > 0) ReadTimings((int)((frames - 1) % TimingSlots));
    }

    public void Dispose()
    {
        if (disposed) return;
        // Nothing is released while the GPU may still use it: the engine's queue runs whatever it was given first.
        Result waited;
        lock (device.QueueGate) waited = device.Vk.QueueWaitIdle(device.Queue);
        disposed = true;
        objects.Dispose();
        Network.Dispose();
        waited.Check("vkQueueWaitIdle");
    }
}
