using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// The host half of a recorded host-staging frame, on the worker thread once the engine's submission has copied the
/// frame into the mapped input buffer: the bytes into the network's input, the network, its output into the mapped
/// output buffer, then "output ready" signalled from the host, which lets the next engine submission copy it out.
/// </summary>
internal sealed unsafe class HostStagingWorkerSteps(FrameProcessor processor, GpuBuffer readback, GpuBuffer upload, TimelineSemaphore timeline)
    : IFrameSteps<HostStagingWorker.Job>
{
    public FrameTiming Timing => FrameTiming.WallClock;

    public void CopyIn(in HostStagingWorker.Job job)
    {
        var copy = processor.HostCopyFor(job.RenderSize);
        int bytes = checked((int)processor.NetworkFor(job.RenderSize).InputBytes);
        copy.WriteInput(new ReadOnlySpan<byte>(readback.Mapped, bytes), 0);
    }

    public void RunNetwork(in HostStagingWorker.Job job)
    {
        var network = processor.NetworkFor(job.RenderSize);
        network.Noise = job.Noise;
        network.Execute(job.Input, job.Output);
        processor.Synchronize();
    }

    public void CopyOut(in HostStagingWorker.Job job)
    {
        var network = processor.NetworkFor(job.RenderSize);
        processor.HostCopyFor(job.RenderSize).ReadOutput(new Span<byte>(upload.Mapped, checked((int)network.OutputBytes)), 0);
        // Host writes to coherent memory before a host signal are visible to the submission that waits for it.
        timeline.Signal(job.OutputReady);
    }

    /// <summary>"Output ready" is signalled all the same (the input was ready: the value may follow), so no submission waits forever.</summary>
    public void Recover(in HostStagingWorker.Job job, FrameStep failed)
    {
        if (timeline.Value < job.OutputReady) timeline.Signal(job.OutputReady);
    }
}
