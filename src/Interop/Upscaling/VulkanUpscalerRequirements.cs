using GdpoRealtime.Interop.Cuda;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Compute;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Upscaling;

/// <summary>
/// What to enable when creating the Vulkan instance and device so that the CUDA-interop backend can run, and
/// whether this machine can run it at all. The host-staging backend needs nothing beyond Vulkan 1.0 and a queue that
/// does transfers, so an engine that enables nothing still gets an upscaler.
/// </summary>
public sealed record VulkanUpscalerRequirements
{
    /// <summary>The instance and device API version CUDA interop needs (timeline semaphores are core in 1.2).</summary>
    public required uint MinimumApiVersion { get; init; }

    /// <summary>Instance extensions to enable when the loader offers them (core since Vulkan 1.1).</summary>
    public required IReadOnlyList<string> InstanceExtensions { get; init; }

    /// <summary>Device extensions CUDA interop needs on this OS (opaque fd on Linux, opaque Win32 handles on Windows).</summary>
    public required IReadOnlyList<string> DeviceExtensions { get; init; }

    /// <summary>Device features to enable, by their Vulkan names.</summary>
    public required IReadOnlyList<string> DeviceFeatures { get; init; }

    /// <summary>Whether this machine has what CUDA interop needs besides the Vulkan device (a CUDA driver with a GPU, a CUDA libtorch).</summary>
    public required bool CudaInteropSupported { get; init; }

    /// <summary>Why CUDA interop is or is not supported here.</summary>
    public required string CudaInteropReason { get; init; }

    /// <summary>
    /// The requirements, with a check of this machine that loads nothing but the CUDA driver: the GPU itself is matched
    /// (by UUID) only when a context is created on a device.
    /// </summary>
    public static VulkanUpscalerRequirements Query(string? torchLibraryDirectory = null)
    {
        var (driver, driverReason) = CudaDevice.Probe();
        var (torch, torchReason) = CudaLibtorchPresent(torchLibraryDirectory);
        bool supported = driver && torch;
        string reason = !driver ? driverReason : !torch ? torchReason : $"{driverReason}; {torchReason}";
        return new VulkanUpscalerRequirements
        {
            MinimumApiVersion = Vk.Version12,
            InstanceExtensions = ExternalHandles.InstanceExtensions,
            DeviceExtensions = ExternalHandles.DeviceExtensions,
            DeviceFeatures = new[]
            {
                "timelineSemaphore (VkPhysicalDeviceVulkan12Features)",
                "shaderFloat16 (VkPhysicalDeviceVulkan12Features; optional: vulkan-compute runs in float16 with it)",
            },
            CudaInteropSupported = supported,
            CudaInteropReason = reason,
        };
    }

    /// <summary>Whether a CUDA libtorch is loaded or can be (found by file, without loading it).</summary>
    private static (bool Present, string Reason) CudaLibtorchPresent(string? directory)
    {
        if (TorchDevices.Selected is { IsCuda: true } selected) return (true, $"the network runs on {selected}");
        if (OperatingSystem.IsWindows()) return (true, "the TorchSharp-cuda-windows package provides a CUDA libtorch");
        directory = string.IsNullOrWhiteSpace(directory) ? Environment.GetEnvironmentVariable(TorchDevices.TorchLibDirVariable) : directory;
        if (string.IsNullOrWhiteSpace(directory))
            return (false, $"no CUDA libtorch: {TorchDevices.TorchLibDirVariable} is not set (point it at a PyTorch install's torch/lib)");
        if (!File.Exists(Path.Combine(directory, "libtorch_cuda.so")))
            return (false, $"'{directory}' holds no libtorch_cuda.so (not a CUDA libtorch)");
        return (true, $"CUDA libtorch in '{directory}'");
    }
}
