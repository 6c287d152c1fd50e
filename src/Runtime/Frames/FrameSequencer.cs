using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Runtime.Frames;

/// <summary>
/// The one place that orders a frame: copy in, network, copy out, then the time split. Every backend (host memory,
/// host staging, CUDA interop, vulkan-compute, and host staging's worker thread) supplies its steps as an
/// <see cref="IFrameSteps{TFrame}"/> and runs them through here, so the order, the timing and what happens when a step
/// throws are the same everywhere. A failed step's error reaches the caller after the steps' <see cref="IFrameSteps{TFrame}.Recover"/>,
/// and the sequencer keeps no state of the failed frame: the next frame runs as if it had not happened. Allocates nothing.
/// </summary>
public sealed class FrameSequencer(TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly Lock gate = new();
    private FrameTimings lastTimings;
    private long framesRun;

    /// <summary>
    /// The split of the latest frame measured: by the clock for <see cref="FrameTiming.WallClock"/> steps, as
    /// <see cref="Report"/>ed for the others. Safe to read from any thread (a worker may report while the engine reads).
    /// </summary>
    public FrameTimings LastTimings
    {
        get { lock (gate) return lastTimings; }
    }

    /// <summary>Frames whose steps all returned.</summary>
    public long FramesRun => Interlocked.Read(ref framesRun);

    /// <summary>Runs the frame's steps in order; a step that throws stops the frame, its steps recover, and the error is rethrown.</summary>
    public void Run<TFrame>(IFrameSteps<TFrame> steps, in TFrame frame) where TFrame : allows ref struct
    {
        var step = FrameStep.CopyIn;
        try
        {
            long start = clock.GetTimestamp();
            steps.CopyIn(frame);
            long copiedIn = clock.GetTimestamp();
            step = FrameStep.Network;
            steps.RunNetwork(frame);
            long ran = clock.GetTimestamp();
            step = FrameStep.CopyOut;
            steps.CopyOut(frame);
            long copiedOut = clock.GetTimestamp();
            if (steps.Timing == FrameTiming.WallClock)
                Report(new FrameTimings(Milliseconds(start, copiedIn), Milliseconds(copiedIn, ran), Milliseconds(ran, copiedOut)));
            Interlocked.Increment(ref framesRun);
        }
        catch (Exception error)
        {
            try
            {
                steps.Recover(frame, step);
            }
            catch (Exception recoveryError)
            {
                throw new AggregateException($"The frame's {step} step failed, and so did recovering from it.", error, recoveryError);
            }
            throw;
        }
    }

    /// <summary>The time split of a frame whose work was recorded or queued, once measured (GPU timestamps, CUDA events, a worker's clock).</summary>
    public void Report(FrameTimings measured)
    {
        lock (gate) lastTimings = measured;
    }

    private double Milliseconds(long from, long to) => clock.GetElapsedTime(from, to).TotalMilliseconds;
}
