using GdpoRealtime.Runtime.Backends;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>
/// What every upscaler context reports, whichever API its frames come in (host memory or Vulkan images) and
/// whichever backend moves them. Creation and dispatch are typed per API (<see cref="HostUpscaler"/> here, the
/// Vulkan context in GdpoRealtime.Interop); disposing waits for work in flight and releases everything.
/// </summary>
public interface IUpscalerContext : IDisposable
{
    /// <summary>The backend in use and why it was chosen.</summary>
    BackendChoice Backend { get; }

    /// <summary>Where the network runs, for logs and overlays (for example "CUDA device 0 (float16)").</summary>
    string NetworkDevice { get; }

    FrameSize DisplaySize { get; }
    FrameSize MaxRenderSize { get; }

    /// <summary>The time split of the most recent frame whose work has completed (zero before the first).</summary>
    FrameTimings LastTimings { get; }

    /// <summary>Dispatches so far.</summary>
    long DispatchCount { get; }

    /// <summary>Blocks until every dispatched frame has been written to its output.</summary>
    void WaitIdle();
}
