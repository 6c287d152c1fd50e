using GdpoRealtime.Interop.Cuda;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// CUDA's half of the CUDA-interop backend (<see cref="CudaInteropBackend"/>): the shared buffers and timeline imported
/// with the driver API, and per frame a semaphore wait, two device-to-device copies around the network and a semaphore
/// signal, all on the legacy default stream that PyTorch's kernels use, so nothing waits on the CPU. CUDA events around
/// each step give the time split.
/// </summary>
internal sealed class CudaInteropCompute(CudaDevice cuda, int slots) : ICudaInteropCompute
{
    private readonly ResourceStack resources = new();
    private readonly CudaEvent[,] events = new CudaEvent[slots, 4];
    private CudaExternalBuffer? input;
    private CudaExternalBuffer? output;
    private CudaTimelineSemaphore? timeline;

    public bool ImportsTimeline => true;

    public void Attach(ExportableBuffer sharedInput, ExportableBuffer sharedOutput, TimelineSemaphore sharedTimeline)
    {
        input = resources.Add(Import(sharedInput));
        output = resources.Add(Import(sharedOutput));
        var handle = sharedTimeline.Export();
        timeline = resources.Add(handle.IsFileDescriptor
            ? CudaTimelineSemaphore.ImportOpaqueFd(cuda, (int)handle.Value)
            : CudaTimelineSemaphore.ImportOpaqueWin32(cuda, handle.Value));
        for (int slot = 0; slot < events.GetLength(0); slot++)
            for (int i = 0; i < 4; i++)
                events[slot, i] = resources.Add(new CudaEvent(cuda));
    }

    private CudaExternalBuffer Import(ExportableBuffer buffer)
    {
        var handle = buffer.Export();
        return handle.IsFileDescriptor
            ? CudaExternalBuffer.ImportOpaqueFd(cuda, (int)handle.Value, buffer.AllocationSize, buffer.Size, buffer.Dedicated)
            : CudaExternalBuffer.ImportOpaqueWin32(cuda, handle.Value, buffer.AllocationSize, buffer.Size, buffer.Dedicated);
    }

    public void MakeCurrent() => cuda.MakeCurrent();

    public void Enqueue(int slot, FrameNetwork network, ChannelOrder inputOrder, ChannelOrder outputOrder, NoiseSetting noise, ulong inputReady, ulong outputReady)
    {
        timeline!.QueueWait(inputReady);
        events[slot, 0].Record();
        input!.CopyTo((ulong)network.InputAddress, (ulong)network.InputBytes);
        events[slot, 1].Record();
        // A new strength is a rescale on this stream, after the previous frame's network and before this one's.
        network.Noise = noise;
        network.Execute(inputOrder, outputOrder);
        events[slot, 2].Record();
        output!.CopyFrom((ulong)network.OutputAddress, (ulong)network.OutputBytes);
        events[slot, 3].Record();
        timeline.QueueSignal(outputReady);
    }

    public (double CopyIn, double Network, double CopyOut) Timings(int slot) => (
        CudaEvent.ElapsedMilliseconds(events[slot, 0], events[slot, 1]),
        CudaEvent.ElapsedMilliseconds(events[slot, 1], events[slot, 2]),
        CudaEvent.ElapsedMilliseconds(events[slot, 2], events[slot, 3]));

    public void Synchronize() => cuda.SynchronizeStream();

    public void Dispose() => resources.Dispose();
}
