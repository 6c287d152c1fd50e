namespace GdpoRealtime.Runtime.Frames;

/// <summary>
/// What a backend does at each step of a frame; <see cref="FrameSequencer"/> decides the order, measures and recovers.
/// A step may do its work at once (host copies, a network run on the CPU) or record or queue it (Vulkan commands, CUDA
/// stream work, a job for a worker thread); <see cref="Timing"/> says which, so the sequencer knows whether its clock
/// measures anything. <typeparamref name="TFrame"/> is the backend's description of one frame, which may be a ref struct
/// (frames in host memory are spans).
/// </summary>
public interface IFrameSteps<TFrame> where TFrame : allows ref struct
{
    /// <summary>Whether the steps' wall-clock times are the frame's time split.</summary>
    FrameTiming Timing { get; }

    /// <summary>Moves (or records the move of) the render-size frame into the network's input.</summary>
    void CopyIn(in TFrame frame);

    /// <summary>Runs (or queues) the network on its input.</summary>
    void RunNetwork(in TFrame frame);

    /// <summary>Moves (or records the move of) the network's output into the engine's output.</summary>
    void CopyOut(in TFrame frame);

    /// <summary>
    /// Called when <paramref name="failed"/> threw, before the error reaches the caller: leaves the context as the next
    /// frame needs it (semaphore values completed or given back, nothing half-submitted). The steps after the failed one
    /// are not called.
    /// </summary>
    void Recover(in TFrame frame, FrameStep failed);
}
