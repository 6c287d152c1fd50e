namespace GdpoRealtime.Runtime.Frames;

/// <summary>The steps of a frame, in the order <see cref="FrameSequencer"/> runs them.</summary>
public enum FrameStep
{
    /// <summary>The render-size frame moves from the engine's image or memory into the network's input.</summary>
    CopyIn,

    /// <summary>The network upscales its input into its output.</summary>
    Network,

    /// <summary>The network's output moves into the engine's display-size image or memory.</summary>
    CopyOut,
}

/// <summary>Where a frame's time split comes from.</summary>
public enum FrameTiming
{
    /// <summary>The steps do their work when called: the wall-clock time of each step is the split.</summary>
    WallClock,

    /// <summary>
    /// The steps record or queue work that runs later (on a GPU queue, a CUDA stream, a worker thread): the wall-clock
    /// time of recording means nothing, so the backend hands the measured split to <see cref="FrameSequencer.Report"/>
    /// once the frame has run.
    /// </summary>
    Reported,
}
