using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Interop.Upscaling;

/// <summary>How to create a <see cref="VulkanUpscaler"/>: the engine's Vulkan device, the upscaling settings, and the backend.</summary>
public sealed record VulkanUpscalerDescription
{
    public required VulkanDeviceHandles Vulkan { get; init; }

    /// <summary>Sizes, model, precision and noise (shared with the host-memory upscaler).</summary>
    public required UpscalerDescription Upscaling { get; init; }

    /// <summary>Automatic (CUDA interop where possible, else vulkan-compute, else host staging; the choice and why are logged) or forced.</summary>
    public BackendPreference Backend { get; init; } = BackendPreference.Auto;
}
