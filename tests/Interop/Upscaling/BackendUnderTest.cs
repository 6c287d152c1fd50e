using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Rendering.Vulkan;
using GdpoRealtime.Interop.Backends.VulkanCompute;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Interop.Backends;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Interop.Upscaling;

/// <summary>
/// A context on each backend that runs here, by a fixture's name: "host-staging", "vulkan-compute", and
/// "cuda-interop-emulated" (CUDA interop's Vulkan half, with a host thread playing CUDA; ignored where the device cannot
/// share memory with it). The network runs on the CPU wherever libtorch runs it.
/// </summary>
internal static class BackendUnderTest
{
    public static readonly string[] Names = ["host-staging", "cuda-interop-emulated", "vulkan-compute"];

    public static VulkanUpscaler Create(GpuContext gpu, string name, FrameSize display, FrameSize render, double noise, long seed)
    {
        var description = new VulkanUpscalerDescription
        {
            Vulkan = VulkanDeviceHandles.From(gpu.Device),
            Backend = name switch
            {
                "host-staging" => BackendPreference.HostStaging,
                "vulkan-compute" => BackendPreference.VulkanCompute,
                "cuda-interop-emulated" => BackendPreference.Auto,
                _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a backend under test"),
            },
            Upscaling = new UpscalerDescription
            {
                DisplaySize = display, MaxRenderSize = render, Model = TestFrames.X2,
                NoiseStrength = noise, NoiseSeed = seed, Device = DevicePreference.Cpu,
            },
        };
        if (name != "cuda-interop-emulated") return VulkanUpscaler.Create(description);
        if (!HostEmulatedCompute.CanEmulate(gpu.Device, out string reason)) Assert.Ignore(reason);
        return VulkanUpscaler.CreateWithExternalCompute(description, () => new HostEmulatedCompute(gpu.Device));
    }

    /// <summary>Vulkan objects and allocations the context has made: through its device's helpers, and vulkan-compute's own.</summary>
    public static long ObjectsMade(VulkanUpscaler upscaler) =>
        upscaler.Device.ObjectsCreated + (upscaler.Implementation is VulkanComputeBackend compute ? compute.ObjectsCreated : 0);

    /// <summary>A frame from <paramref name="input"/> into <paramref name="output"/>, recorded into <paramref name="commands"/> when given, with per-dispatch noise when given.</summary>
    public static VulkanDispatchDescription Frame(GpuImage input, GpuImage output, nint commands = 0, double? strength = null, long? seed = null) => new()
    {
        Input = VulkanFrames.Describe(input),
        Output = VulkanFrames.Describe(output, Silk.NET.Vulkan.ImageLayout.Undefined),
        OutputFinalLayout = Silk.NET.Vulkan.ImageLayout.ShaderReadOnlyOptimal,
        CommandBuffer = commands,
        NoiseStrength = strength,
        NoiseSeed = seed,
    };

    /// <summary>The output image's bytes, in the layout a dispatch leaves it.</summary>
    public static byte[] Read(GpuContext gpu, GpuImage output)
    {
        output.Layout = Silk.NET.Vulkan.ImageLayout.ShaderReadOnlyOptimal;
        return VulkanFrames.Download(gpu, output);
    }
}
