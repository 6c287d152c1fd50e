using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Frames;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>
/// The upscaler for frames in host memory: for engines without Vulkan, tools and tests. Create it once, call
/// <see cref="Dispatch"/> once per frame, dispose it. The network runs where <see cref="UpscalerDescription.Device"/>
/// says (the CPU here, CUDA when a CUDA libtorch is present). Not thread-safe: dispatch from one thread at a time.
/// </summary>
public sealed class HostUpscaler : IUpscalerContext
{
    private readonly FrameProcessor processor;
    private readonly FrameSequencer sequencer = new();
    private readonly HostMemoryFrameSteps steps;
    private bool disposed;

    private HostUpscaler(FrameProcessor processor, BackendChoice backend, string networkDevice)
    {
        this.processor = processor;
        steps = new HostMemoryFrameSteps(processor);
        Backend = backend;
        NetworkDevice = networkDevice;
    }

    public BackendChoice Backend { get; }
    public string NetworkDevice { get; }
    public FrameSize DisplaySize => processor.DisplaySize;
    public FrameSize MaxRenderSize => processor.MaxRenderSize;
    public FrameTimings LastTimings => sequencer.LastTimings;
    public long DispatchCount { get; private set; }

    /// <summary>Loads the model onto the chosen device and prepares the maximum render size (a warm-up frame runs here, not in the first dispatch).</summary>
    public static HostUpscaler Create(UpscalerDescription description)
    {
        description.Validate();
        var logger = description.Logger ?? NullLogger.Instance;
        var device = TorchDevices.Select(description.Device, description.TorchLibraryDirectory, logger);
        var processor = FrameProcessor.Create(description, device.Device);
        try
        {
            processor.HostCopyFor(processor.MaxRenderSize);
            processor.WarmUp(processor.MaxRenderSize);
            var backend = new BackendChoice(BackendKind.HostMemory, "frames in host memory",
                new[] { BackendCandidate.Available(BackendKind.HostMemory, "frames in host memory") });
            string compute = $"{device} ({processor.DataType.ToString().ToLowerInvariant()})";
            logger.LogInformation("Upscaler: {Backend}; network on {Device}; {Render} -> {Display}; model {Model}",
                backend.Describe(), compute, processor.MaxRenderSize, processor.DisplaySize, processor.ModelSource);
            ResamplingNotice.Log(logger, processor.Model.Scale, processor.MaxRenderSize, processor.DisplaySize);
            return new HostUpscaler(processor, backend, compute);
        }
        catch
        {
            processor.Dispose();
            throw;
        }
    }

    /// <summary>Upscales one frame into <see cref="HostDispatchDescription.Output"/>; synchronous. Bad input throws <see cref="InvalidDispatchException"/> before any work.</summary>
    public void Dispatch(in HostDispatchDescription frame)
    {
        ContextLifetime.ThrowIfDisposed(disposed, nameof(HostUpscaler));
        DispatchChecks.Format(frame.InputFormat, "input");
        DispatchChecks.Format(frame.OutputFormat, "output");
        DispatchChecks.RenderSize(frame.RenderSize, MaxRenderSize);
        DispatchChecks.Jitter(frame.JitterOffsetPixels);
        DispatchChecks.NoiseStrength(frame.NoiseStrength);
        HostFrameCopy.CheckSpan(frame.Input.Length, frame.RenderSize, frame.InputRowPitchBytes, "input");
        HostFrameCopy.CheckSpan(frame.Output.Length, DisplaySize, frame.OutputRowPitchBytes, "output");
        sequencer.Run(steps, frame);
        DispatchCount++;
    }

    /// <summary>Dispatch is synchronous: nothing is ever in flight after it returns.</summary>
    public void WaitIdle() => ContextLifetime.ThrowIfDisposed(disposed, nameof(HostUpscaler));

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        processor.Dispose();
    }

    public override string ToString() => $"HostUpscaler ({Backend.Describe()}, {MaxRenderSize} -> {DisplaySize})";
}
