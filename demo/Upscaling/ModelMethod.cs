using System.Globalization;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Upscaling;
using Microsoft.Extensions.Logging;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Upscaling;

/// <summary>What the model method is created with.</summary>
public sealed record ModelMethodSettings
{
    public required LoadedCheckpoint Model { get; init; }
    public required FrameSizes Sizes { get; init; }
    public double NoiseStrength { get; init; } = 1.0;
    public long Seed { get; init; }
    public BackendPreference Backend { get; init; } = BackendPreference.Auto;
    public Precision Precision { get; init; } = Precision.Automatic;
    public DevicePreference Device { get; init; } = DevicePreference.Auto;
    public string? TorchLibraryDirectory { get; init; }
}

/// <summary>
/// Our network, through the engine runtime's public API exactly as an engine integrates it: a
/// <see cref="VulkanUpscaler"/> created on the demo's Vulkan device, one dispatch per frame from the low-res render
/// into an output image. On a GPU machine with CUDA this is the CUDA-interop path (no pixel leaves the GPU); on other
/// Vulkan devices, lavapipe included, vulkan-compute (the network as compute shaders); host staging when forced.
/// The noise strength goes with each dispatch (<see cref="VulkanDispatchDescription.NoiseStrength"/>): changing it
/// reloads, re-imports and warms up nothing.
/// </summary>
public sealed class ModelMethod : IDisplayMethod
{
    private readonly GpuContext gpu;
    private readonly ModelMethodSettings settings;
    private readonly ILogger logger;
    private readonly OutputImage output;
    private readonly VulkanUpscaler context;
    private double noiseStrength;

    public ModelMethod(GpuContext gpu, ModelMethodSettings settings, ILogger logger)
    {
        this.gpu = gpu;
        this.settings = settings;
        this.logger = logger;
        output = new OutputImage(gpu);
        noiseStrength = settings.NoiseStrength;
        context = CreateContext(noiseStrength);
    }

    public DisplayMethodKind Kind => DisplayMethodKind.Model;
    public string Label => string.Create(CultureInfo.InvariantCulture,
        $"GdpoRealtime x{settings.Model.Architecture.Scale}, noise {NoiseStrength:0.0#} ({BackendNames.Of(context.Backend.Kind)}, {context.NetworkPrecision})");

    /// <summary>The backend and the network's precision, for logs ("vulkan-compute, float32").</summary>
    public string BackendAndPrecision => $"{BackendNames.Of(context.Backend.Kind)}, {context.NetworkPrecision}";

    /// <summary>The runtime context in use (backend, network device, timings).</summary>
    public IUpscalerContext Context => context;

    /// <summary>The time split of the last frame: Vulkan-to-network handoff, network, handoff back.</summary>
    public FrameTimings LastTimings => context.LastTimings;

    /// <summary>The strength the next frames are upscaled with, in [0, 1]: a per-dispatch value, so setting it costs nothing.</summary>
    public double NoiseStrength
    {
        get => noiseStrength;
        set
        {
            if (!GdpoRealtime.Runtime.Model.NoiseSetting.IsValidStrength(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "The noise strength is in [0, 1].");
            noiseStrength = value;
        }
    }

    private VulkanUpscaler CreateContext(double noise) => VulkanUpscaler.Create(new VulkanUpscalerDescription
    {
        Vulkan = VulkanDeviceHandles.From(gpu.Device),
        Backend = settings.Backend,
        Upscaling = new UpscalerDescription
        {
            DisplaySize = new FrameSize(settings.Sizes.Width, settings.Sizes.Height),
            MaxRenderSize = new FrameSize(settings.Sizes.LowResWidth, settings.Sizes.LowResHeight),
            Model = settings.Model,
            NoiseStrength = noise,
            NoiseSeed = settings.Seed,
            Precision = settings.Precision,
            Device = settings.Device,
            TorchLibraryDirectory = settings.TorchLibraryDirectory,
            Logger = logger,
        },
    });

    public GpuImage Upscale(GpuImage lowRes, FrameDescription frame)
    {
        var target = output.For(frame.Width, frame.Height);
        context.Dispatch(new VulkanDispatchDescription
        {
            Input = new VulkanImageDescription
            {
                Image = lowRes.Handle.Handle,
                Format = lowRes.Format,
                Size = new FrameSize((int)lowRes.Width, (int)lowRes.Height),
                Usage = lowRes.Description.Usage,
                Layout = lowRes.Layout,
            },
            Output = new VulkanImageDescription
            {
                Image = target.Handle.Handle,
                Format = target.Format,
                Size = new FrameSize((int)target.Width, (int)target.Height),
                Usage = target.Description.Usage,
                Layout = target.Layout,
            },
            RenderSize = new FrameSize(frame.LowResWidth, frame.LowResHeight),
            OutputFinalLayout = ImageLayout.ShaderReadOnlyOptimal,
            JitterOffsetPixels = frame.Jitter,
            NoiseStrength = noiseStrength,
        });
        // The demo measures each step by its wall time, so it waits here; an engine would not.
        context.WaitIdle();
        target.Layout = ImageLayout.ShaderReadOnlyOptimal;
        return target;
    }

    public void Dispose()
    {
        context.Dispose();
        output.Dispose();
    }
}
