using GdpoRealtime.Runtime.Frames;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>
/// <see cref="HostUpscaler"/>'s steps: the engine's pixels copied into the network's input, the network run (waited for
/// on CUDA, so the wall-clock split is the frame's), the output copied into the engine's memory.
/// </summary>
internal sealed class HostMemoryFrameSteps(FrameProcessor processor) : IFrameSteps<HostDispatchDescription>
{
    public FrameTiming Timing => FrameTiming.WallClock;

    public void CopyIn(in HostDispatchDescription frame) =>
        processor.HostCopyFor(frame.RenderSize).WriteInput(frame.Input, frame.InputRowPitchBytes);

    public void RunNetwork(in HostDispatchDescription frame)
    {
        var network = processor.NetworkFor(frame.RenderSize);
        network.Noise = processor.NoiseFor(frame.NoiseSeed, frame.NoiseStrength);
        network.Execute(PixelFormats.OrderOf(frame.InputFormat), PixelFormats.OrderOf(frame.OutputFormat));
        processor.Synchronize();
    }

    public void CopyOut(in HostDispatchDescription frame) =>
        processor.HostCopyFor(frame.RenderSize).ReadOutput(frame.Output, frame.OutputRowPitchBytes);

    /// <summary>Every step is synchronous and leaves nothing in flight: a failed frame needs no undoing.</summary>
    public void Recover(in HostDispatchDescription frame, FrameStep failed)
    {
    }
}
