using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Interop.Backends;

/// <summary>What <see cref="VulkanUpscaler"/> asks of a backend once a dispatch has passed its checks.</summary>
internal interface IVulkanFrameBackend : IDisposable
{
    /// <summary>Records and submits the frame's work on the engine's queue (and CUDA's stream, for interop).</summary>
    void Dispatch(in CheckedDispatch frame);

    /// <summary>Blocks until every dispatched frame has been written to its output image.</summary>
    void WaitIdle();

    /// <summary>The time split of the latest frame whose work has completed.</summary>
    FrameTimings LastTimings { get; }

    /// <summary>Whether a dispatch may carry the engine's command buffer to record into (vulkan-compute only).</summary>
    bool RecordsIntoEngineCommands => false;
}
