using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// The other API's half of the CUDA-interop backend (<see cref="CudaInteropBackend"/>): it imports the shared buffers
/// and the timeline semaphore once, then for each frame queues (without blocking the caller on the GPU): wait for "input
/// ready", copy the shared input into the network's input tensor, run the network, copy the output tensor into the
/// shared output, signal "output ready". CUDA is the product's implementation (<see cref="CudaInteropCompute"/>); tests
/// substitute a host emulation to check the Vulkan half where no CUDA exists.
/// </summary>
internal interface ICudaInteropCompute : IDisposable
{
    /// <summary>Imports the shared objects (called once, before any frame).</summary>
    void Attach(ExportableBuffer sharedInput, ExportableBuffer sharedOutput, TimelineSemaphore timeline);

    /// <summary>Whether the timeline semaphore must be exportable (it is imported rather than used directly).</summary>
    bool ImportsTimeline { get; }

    /// <summary>
    /// Queues one frame's work for timing slot <paramref name="slot"/>, with the frame's noise (set on the network in
    /// order with the frames around it: a strength change is a rescale queued on the same stream). "Input ready" may be
    /// signalled later than this call: by a submission the engine has not made yet, when the frame was recorded into its
    /// command buffer.
    /// </summary>
    void Enqueue(int slot, FrameNetwork network, ChannelOrder input, ChannelOrder output, NoiseSetting noise, ulong inputReady, ulong outputReady);

    /// <summary>The copy-in, network and copy-out milliseconds of the slot's last frame, once its "output ready" has been reached.</summary>
    (double CopyIn, double Network, double CopyOut) Timings(int slot);

    /// <summary>Waits until everything queued has run (before resources are released).</summary>
    void Synchronize();

    /// <summary>Makes the compute side usable from the calling thread (CUDA contexts are per thread).</summary>
    void MakeCurrent();
}
