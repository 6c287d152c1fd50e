using GdpoRealtime.Interop.Backends;
using GdpoRealtime.Interop.Backends.VulkanCompute;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Portable;
using GdpoRealtime.Runtime.Upscaling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GdpoRealtime.Interop.Upscaling;

/// <summary>
/// The engine-facing upscaler on Vulkan images, shaped like FSR2 and DLSS: create a context once from a typed
/// description (<see cref="Create"/>), <see cref="Dispatch"/> once per frame, dispose. A dispatch that carries the
/// engine's command buffer (<see cref="VulkanDispatchDescription.CommandBuffer"/>) only records into it, as FSR2 does:
/// no submission, and no wait for the network. On vulkan-compute the network is in that command buffer. On the backends
/// whose network runs outside Vulkan (CUDA interop; host staging, on a worker thread), the engine's one submission of
/// that command buffer also waits for and signals the timeline values Dispatch returns, and the output image receives
/// the previous recorded frame (<see cref="RecordedFrameLatency"/>). A dispatch without a command buffer submits the
/// upscaler's own command buffers to the engine's queue, in order with the engine's submissions, so work the engine
/// submits afterwards sees that frame's output; on host staging it blocks for the frame's readback and network. Call
/// Dispatch from the thread that submits to that queue. Bad input throws before any work is recorded, leaving the
/// device and the context usable. Dispose waits for work in flight and releases everything the context made (never the
/// engine's objects).
/// </summary>
public sealed class VulkanUpscaler : IUpscalerContext
{
    private readonly VulkanInstance instance;
    private readonly VulkanDevice device;
    private readonly IDisposable? networkOwner;
    private readonly IVulkanFrameBackend backend;
    private readonly NoiseSetting noise;
    private bool disposed;

    private VulkanUpscaler(VulkanInstance instance, VulkanDevice device, IDisposable? networkOwner, IVulkanFrameBackend backend,
        BackendChoice choice, string networkDevice, string precision, FrameSize maxRenderSize, FrameSize displaySize, NoiseSetting noise)
    {
        this.noise = noise;
        NetworkPrecision = precision;
        this.instance = instance;
        this.device = device;
        this.networkOwner = networkOwner;
        this.backend = backend;
        Backend = choice;
        NetworkDevice = networkDevice;
        MaxRenderSize = maxRenderSize;
        DisplaySize = displaySize;
    }

    public BackendChoice Backend { get; }
    public string NetworkDevice { get; }

    /// <summary>The network's arithmetic as it runs: "float32" or "float16" (for overlays and logs).</summary>
    public string NetworkPrecision { get; }
    public FrameSize DisplaySize { get; }
    public FrameSize MaxRenderSize { get; }
    public FrameTimings LastTimings => backend.LastTimings;
    public long DispatchCount { get; private set; }

    /// <summary>The Vulkan device the context works on (the engine's, by name), for logs and overlays.</summary>
    public string VulkanDeviceName => device.Physical.Name;

    /// <summary>
    /// Whether a dispatch may carry the engine's command buffer to record into: every backend, except host staging on a
    /// device created without timeline semaphores.
    /// </summary>
    public bool RecordsIntoCommandBuffer => backend.RecordingRefusal is null;

    /// <summary>
    /// How many dispatches later a frame recorded into the engine's command buffer reaches an output image: 0 on
    /// vulkan-compute (the network is in the command buffer); 1 on CUDA interop and host staging, whose network runs
    /// after the engine's submission has copied the frame in, so each recorded dispatch's output receives the previous
    /// recorded frame (the first, opaque black). Frames the context submits itself (no command buffer) are never late.
    /// </summary>
    public int RecordedFrameLatency => backend.RecordedFrameLatency;

    internal IVulkanFrameBackend Implementation => backend;

    /// <summary>The context's own wrapper of the engine's device: what it counts is what the context made.</summary>
    internal VulkanDevice Device => device;

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
    /// Creates a context on the engine's device: picks the backend (logging which and why), loads the model onto it,
    /// and allocates every buffer, command buffer and semaphore a frame needs (the libtorch backends also run one
    /// warm-up frame).
    /// </summary>
    public static VulkanUpscaler Create(VulkanUpscalerDescription description) => Build(description, substitute: null);

    /// <summary>
    /// For tests: a context whose CUDA-interop backend uses <paramref name="compute"/> instead of CUDA (a host
    /// emulation that checks the Vulkan half of the interop protocol where no CUDA exists). The network runs where the
    /// description's Device says.
    /// </summary>
    internal static VulkanUpscaler CreateWithExternalCompute(VulkanUpscalerDescription description, Func<ICudaInteropCompute> compute) =>
        Build(description, compute);

    private static VulkanUpscaler Build(VulkanUpscalerDescription description, Func<ICudaInteropCompute>? substitute)
    {
        ArgumentNullException.ThrowIfNull(description);
        var upscaling = description.Upscaling;
        upscaling.Validate();
        if (!Enum.IsDefined(description.Backend))
            throw new Runtime.Errors.InvalidSettingException($"Backend {(int)description.Backend} is unknown", "Use Auto, CudaInterop, VulkanCompute or HostStaging.");
        var logger = upscaling.Logger ?? NullLogger.Instance;
        var handles = description.Vulkan;
        var instance = VulkanInstance.FromHandle(handles.Instance, handles.InstanceApiVersion);
        VulkanDevice? device = null;
        IVulkanFrameBackend? backend = null;
        IDisposable? networkOwner = null;
        try
        {
            device = VulkanDevice.FromHandles(instance, handles.PhysicalDevice, handles.Device, handles.QueueFamilyIndex, handles.Queue,
                handles.EnabledDeviceExtensions, handles.TimelineSemaphoreEnabled, handles.ShaderFloat16Enabled);
            // Read by our own reader: nothing on the way to vulkan-compute touches libtorch.
            var checkpoint = upscaling.Model ?? ModelLoader.Find(upscaling.ModelPath, null);
            upscaling = upscaling with { Model = checkpoint };
            var preference = description.Backend;
            var interop = substitute is not null
                ? new CudaInteropAssessment(BackendCandidate.Available(BackendKind.CudaInterop, "shared-memory protocol with a substitute for CUDA (test)"), null)
                : preference is BackendPreference.HostStaging or BackendPreference.VulkanCompute
                    ? new CudaInteropAssessment(BackendCandidate.Unavailable(BackendKind.CudaInterop, $"not considered: {BackendNames.Of(Asked(preference))} was asked for", ""), null)
                    : CudaInteropReadiness.Evaluate(new CudaInteropEnvironment(device, upscaling, logger));
            PortableNetwork? network = null;
            ComputeAssessment? compute = null;
            if (preference is BackendPreference.Auto or BackendPreference.VulkanCompute && !(preference == BackendPreference.Auto && interop.Candidate.IsAvailable))
            {
                network = PortableNetwork.From(checkpoint);
                compute = ComputeCapabilities.Assess(device, network, upscaling.ResolvedMaxRenderSize, upscaling.DisplaySize, upscaling.Precision);
            }
            var candidates = new[]
            {
                interop.Candidate,
                compute?.Candidate ?? BackendCandidate.Unavailable(BackendKind.VulkanCompute,
                    interop.Candidate.IsAvailable ? "not considered: CUDA interop is available" : $"not considered: {BackendNames.Of(Asked(preference))} was asked for", ""),
                BackendCandidate.Available(BackendKind.HostStaging, "frames read back through host memory; works on any Vulkan device"),
            };
            var choice = BackendSelection.Choose(preference, candidates);

            string networkDevice, precision;
            if (choice.Kind == BackendKind.VulkanCompute)
            {
                var form = VulkanComputeNetwork.FormFor(device, network!, compute!.Float16);
                var computeNetwork = VulkanComputeNetwork.Create(device, network!, form, upscaling.ResolvedMaxRenderSize, upscaling.DisplaySize, upscaling.NoiseSeed);
                try { backend = new VulkanComputeBackend(device, computeNetwork); }
                catch
                {
                    computeNetwork.Dispose();
                    throw;
                }
                precision = compute.Float16 ? "float16" : "float32";
                var (shapes, offer) = CooperativeMatrixSupport.Query(device);
                if (shapes.Count > 0) logger.LogInformation("Cooperative matrices: {Offer}; not used: {Reason}", offer, CooperativeMatrixSupport.KernelMissing);
                networkDevice = $"{device.Physical.Name} ({precision}: {compute.PrecisionReason}{(form == WeightForm.Baked ? "; weights baked into the pipelines" : "")})";
            }
            else
            {
                var created = TorchFrameBackends.Create(choice.Kind, device, upscaling, interop.CudaDevice, substitute, logger);
                backend = created.Backend;
                networkOwner = created.Network;
                networkDevice = created.NetworkDevice;
                precision = created.Precision;
            }
            logger.LogInformation("Upscaler: {Backend}; Vulkan device {Vulkan}; network on {Compute}; {Render} -> {Display}; model {Model}",
                choice.Describe(), device.Physical.Name, networkDevice, upscaling.ResolvedMaxRenderSize, upscaling.DisplaySize, checkpoint.Source);
            ResamplingNotice.Log(logger, checkpoint.Architecture.Scale, upscaling.ResolvedMaxRenderSize, upscaling.DisplaySize);
            return new VulkanUpscaler(instance, device, networkOwner, backend, choice, networkDevice, precision, upscaling.ResolvedMaxRenderSize, upscaling.DisplaySize,
                new NoiseSetting(upscaling.NoiseSeed, upscaling.NoiseStrength));
        }
        catch
        {
            backend?.Dispose();
            networkOwner?.Dispose();
            device?.Dispose();
            instance.Dispose();
            throw;
        }
    }

    private static BackendKind Asked(BackendPreference preference) => preference switch
    {
        BackendPreference.CudaInterop => BackendKind.CudaInterop,
        BackendPreference.VulkanCompute => BackendKind.VulkanCompute,
        _ => BackendKind.HostStaging,
    };

    /// <summary>
    /// Upscales one frame: checks the description (an <see cref="InvalidDispatchException"/> names what is wrong,
    /// before anything is recorded), then records it into the engine's command buffer, when the description carries
    /// one, or submits the frame's work to the engine's queue. Returns what the engine's submission of that command
    /// buffer must wait for and signal: empty on vulkan-compute and for frames the context submitted; on CUDA interop and
    /// host staging a timeline wait and signal (see <see cref="VulkanDispatchSemaphores"/>), without which the frame
    /// never runs. A <see cref="FrameFailedException"/> reports a recorded frame whose network failed after its
    /// dispatch returned (the context stays usable).
    /// </summary>
    public VulkanDispatchSemaphores Dispatch(in VulkanDispatchDescription frame)
    {
        ContextLifetime.ThrowIfDisposed(disposed, nameof(VulkanUpscaler));
        var checkedFrame = CheckedDispatch.From(frame, MaxRenderSize, DisplaySize, noise);
        if (frame.CommandBuffer != 0 && backend.RecordingRefusal is { } refusal)
            throw new InvalidDispatchException(refusal.Cause, refusal.Fix);
        var semaphores = backend.Dispatch(checkedFrame);
        DispatchCount++;
        return semaphores;
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
            networkOwner?.Dispose();
            device.Dispose();
            instance.Dispose();
        }
    }

    public override string ToString() => $"VulkanUpscaler ({Backend.Describe()}, {MaxRenderSize} -> {DisplaySize})";
}
