using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>
/// The vulkan-compute backend: each dispatch records the network's passes (<see cref="NetworkRecorder"/>) into the
/// engine's command buffer when the dispatch carries one, and otherwise into one of its own, which it submits to the
/// engine's queue without waiting (a ring of <see cref="Slots"/> command buffers, each reused once its fence has
/// signalled, which it has long before in practice). Timings are GPU timestamps of the frame's copies and passes, read
/// once that frame has completed. Nothing is created per dispatch.
/// </summary>
internal sealed class VulkanComputeBackend : IVulkanFrameBackend
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
    private long frames;
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

    public FrameTimings LastTimings { get; private set; }

    public bool RecordsIntoEngineCommands => true;

    public void Dispatch(in CheckedDispatch frame)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        // Before anything is recorded: a failed upload leaves the engine's command buffer untouched.
        Network.UseSeed(frame.Noise.Seed);
        int timing = (int)(frames % TimingSlots);
        // The slot's previous frame was recorded TimingSlots dispatches ago: read it before its queries are reset.
        ReadTimings(timing);
        if (frame.EngineCommands.Handle != 0)
        {
            NetworkRecorder.Record(Network, frame.EngineCommands, frame, timestamps, timing);
        }
        else
        {
            int slot = (int)(frames % Slots);
            if (pending[slot]) SubmitHelper.WaitAndReset(device, fences[slot]);
            pending[slot] = false;
            var cmd = commands[slot];
            SubmitHelper.Begin(device, cmd);
            NetworkRecorder.Record(Network, cmd, frame, timestamps, timing);
            SubmitHelper.End(device, cmd);
            SubmitHelper.Submit(device, cmd, fences[slot]);
            pending[slot] = true;
        }
        timingFrame[timing] = frames;
        frames++;
    }

    private void ReadTimings(int slot)
    {
        if (timingFrame[slot] < 0 || !timestamps.Supported) return;
        double start = timestamps.Milliseconds(slot, 0, 1), network = timestamps.Milliseconds(slot, 1, 2), end = timestamps.Milliseconds(slot, 2, 3);
        if (start + network + end > 0) LastTimings = new FrameTimings(start, network, end);
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
