using GdpoRealtime.Interop.Backends;
using GdpoRealtime.Interop.Cuda;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Upscaling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchDevice = TorchSharp.torch.Device;

namespace GdpoRealtime.Interop.Upscaling;

/// <summary>
/// The engine-facing upscaler on Vulkan images, shaped like FSR2 and DLSS: create a context once from a typed
/// description (<see cref="Create"/>), <see cref="Dispatch"/> once per frame, dispose. Unlike FSR2 it cannot only
/// record into the engine's command buffer, because CUDA runs between two Vulkan copies: each dispatch submits the
/// upscaler's own command buffers to the engine's queue, in order with the engine's submissions, so work the engine
/// submits afterwards sees the output (see <see cref="VulkanDispatchDescription"/>). Call Dispatch from the thread that
/// submits to that queue. On the CUDA-interop backend Dispatch returns without waiting for the GPU; on host staging it
/// waits for the frame's readback. Bad input throws before any work is recorded, leaving the device and the context
/// usable. Dispose waits for work in flight and releases everything the context made (never the engine's objects).
/// </summary>
public sealed class VulkanUpscaler : IUpscalerContext
{
    private readonly VulkanInstance instance;
    private readonly VulkanDevice device;
    private readonly CudaDevice? cuda;
    private readonly FrameProcessor processor;
    private readonly IVulkanFrameBackend backend;
    private bool disposed;

    private VulkanUpscaler(VulkanInstance instance, VulkanDevice device, CudaDevice? cuda, FrameProcessor processor,
        IVulkanFrameBackend backend, BackendChoice choice, string computeDevice)
    {
        this.instance = instance;
        this.device = device;
        this.cuda = cuda;
        this.processor = processor;
        this.backend = backend;
        Backend = choice;
        ComputeDevice = computeDevice;
    }

    public BackendChoice Backend { get; }
    public string ComputeDevice { get; }
    public FrameSize DisplaySize => processor.DisplaySize;
    public FrameSize MaxRenderSize => processor.MaxRenderSize;
    public FrameTimings LastTimings => backend.LastTimings;
    public long DispatchCount { get; private set; }

    /// <summary>The Vulkan device the context works on (the engine's, by name), for logs and overlays.</summary>
    public string VulkanDeviceName => device.Physical.Name;

    internal IVulkanFrameBackend Implementation => backend;

    /// <summary>The device extensions CUDA interop needs on this OS: enable those the device offers (no CUDA check is made).</summary>
    public static IReadOnlyList<string> InteropDeviceExtensions => Vulkan.External.ExternalHandles.DeviceExtensions;

    /// <summary>The instance extensions CUDA interop queries through (core in Vulkan 1.1): enable those the loader offers.</summary>
    public static IReadOnlyList<string> InteropInstanceExtensions => Vulkan.External.ExternalHandles.InstanceExtensions;

    /// <summary>
    /// What an engine must enable before creating its Vulkan instance and device for the CUDA-interop backend, and
    /// whether this machine supports it (with the reason). Usable before any Vulkan object exists.
    /// </summary>
    public static VulkanUpscalerRequirements Requirements(string? torchLibraryDirectory = null) =>
        VulkanUpscalerRequirements.Query(torchLibraryDirectory);

    /// <summary>
    /// Creates a context on the engine's device: picks the backend (logging which and why), loads the model on its
    /// device, allocates every buffer, command buffer and semaphore a frame needs, and runs one warm-up frame.
    /// </summary>
    public static VulkanUpscaler Create(VulkanUpscalerDescription description) => Build(description, substitute: null);

    /// <summary>
    /// For tests: a context whose shared-memory backend uses <paramref name="compute"/> instead of CUDA (a host
    /// emulation that checks the Vulkan half of the interop protocol where no CUDA exists). The network runs where the
    /// description's ComputeDevice says.
    /// </summary>
    internal static VulkanUpscaler CreateWithExternalCompute(VulkanUpscalerDescription description, Func<IExternalFrameCompute> compute) =>
        Build(description, compute);

    private static VulkanUpscaler Build(VulkanUpscalerDescription description, Func<IExternalFrameCompute>? substitute)
    {
        ArgumentNullException.ThrowIfNull(description);
        var upscaling = description.Upscaling;
        upscaling.Validate();
        if (!Enum.IsDefined(description.Backend))
            throw new Runtime.Errors.InvalidSettingException($"Backend {(int)description.Backend} is unknown", "Use Auto, CudaInterop or HostStaging.");
        var logger = upscaling.Logger ?? NullLogger.Instance;
        var handles = description.Vulkan;
        var instance = VulkanInstance.FromHandle(handles.Instance, handles.InstanceApiVersion);
        VulkanDevice? device = null;
        CudaDevice? cuda = null;
        FrameProcessor? processor = null;
        try
        {
            device = VulkanDevice.FromHandles(instance, handles.PhysicalDevice, handles.Device, handles.QueueFamilyIndex, handles.Queue,
                handles.EnabledDeviceExtensions, handles.TimelineSemaphoreEnabled);
            var interop = substitute is not null
                ? new InteropAssessment(BackendCandidate.Available(BackendKind.CudaInterop, "shared-memory protocol with a substitute for CUDA (test)"), null)
                : description.Backend == BackendPreference.HostStaging
                    ? new InteropAssessment(BackendCandidate.Unavailable(BackendKind.CudaInterop, "not considered: host staging was asked for", ""), null)
                    : InteropReadiness.Evaluate(new VulkanInteropEnvironment(device, upscaling, logger));
            var candidates = new[]
            {
                interop.Candidate,
                BackendCandidate.Available(BackendKind.HostStaging, "frames read back through host memory; works on any Vulkan device"),
            };
            var choice = BackendSelection.Choose(description.Backend, candidates);

            IVulkanFrameBackend backend;
            if (choice.Kind == BackendKind.CudaInterop && substitute is null)
            {
                cuda = CudaDevice.Open(interop.CudaDevice!);
                processor = FrameProcessor.Create(upscaling, new TorchDevice(TorchSharp.DeviceType.CUDA, cuda.Ordinal));
                processor.WarmUp(processor.MaxRenderSize);
                backend = new SharedMemoryBackend(device, processor, new CudaFrameCompute(cuda, SharedMemoryBackend.Slots));
            }
            else
            {
                var compute = TorchBackend.Select(upscaling.ComputeDevice, upscaling.TorchLibraryDirectory, logger);
                processor = FrameProcessor.Create(upscaling, compute.Device);
                processor.HostCopyFor(processor.MaxRenderSize);
                processor.WarmUp(processor.MaxRenderSize);
                backend = choice.Kind == BackendKind.CudaInterop
                    ? new SharedMemoryBackend(device, processor, substitute!())
                    : new HostStagingBackend(device, processor);
            }
            string computeDevice = $"{(processor.IsCuda ? $"CUDA device {processor.Device.index}" : "CPU")} ({processor.DataType.ToString().ToLowerInvariant()})";
            logger.LogInformation("Upscaler: {Backend}; Vulkan device {Vulkan}; network on {Compute}; {Render} -> {Display}; model {Model}",
                choice.Describe(), device.Physical.Name, computeDevice, processor.MaxRenderSize, processor.DisplaySize, processor.ModelSource);
            return new VulkanUpscaler(instance, device, cuda, processor, backend, choice, computeDevice);
        }
        catch
        {
            processor?.Dispose();
            cuda?.Dispose();
            device?.Dispose();
            instance.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Upscales one frame: checks the description (an <see cref="InvalidDispatchException"/> names what is wrong,
    /// before anything is recorded), then submits the frame's work to the engine's queue.
    /// </summary>
    public void Dispatch(in VulkanDispatchDescription frame)
    {
        ContextLifetime.ThrowIfDisposed(disposed, nameof(VulkanUpscaler));
        var checkedFrame = CheckedDispatch.From(frame, MaxRenderSize, DisplaySize);
        backend.Dispatch(checkedFrame);
        DispatchCount++;
    }

    public void WaitIdle()
    {
        ContextLifetime.ThrowIfDisposed(disposed, nameof(VulkanUpscaler));
        backend.WaitIdle();
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        try
        {
            backend.Dispose();
        }
        finally
        {
            processor.Dispose();
            cuda?.Dispose();
            device.Dispose();
            instance.Dispose();
        }
    }

    public override string ToString() => $"VulkanUpscaler ({Backend.Describe()}, {MaxRenderSize} -> {DisplaySize})";
}
