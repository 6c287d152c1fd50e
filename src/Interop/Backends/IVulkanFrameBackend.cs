using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Interop.Backends;

/// <summary>What <see cref="VulkanUpscaler"/> asks of a backend once a dispatch has passed its checks.</summary>
internal interface IVulkanFrameBackend : IDisposable
{
    /// <summary>
    /// Runs the frame's steps through the context's <see cref="Runtime.Frames.FrameSequencer"/>: recorded into the
    /// engine's command buffer when the frame carries one, submitted to the engine's queue otherwise. Returns what the
    /// engine's submission must wait for and signal (empty when nothing).
    /// </summary>
    VulkanDispatchSemaphores Dispatch(in CheckedDispatch frame);

    /// <summary>Blocks until every dispatched frame has been written to its output image (recorded ones: until their network has run).</summary>
    void WaitIdle();

    /// <summary>The time split of the latest frame whose work has completed.</summary>
    FrameTimings LastTimings { get; }

    /// <summary>Why a dispatch may not carry the engine's command buffer (cause and fix), or null when it may.</summary>
    (string Cause, string Fix)? RecordingRefusal { get; }

    /// <summary>How many dispatches later a frame recorded into the engine's command buffer reaches an output image.</summary>
    int RecordedFrameLatency { get; }
}
