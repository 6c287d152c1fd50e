namespace GdpoRealtime.Runtime.Backends;

/// <summary>How frames reach the network and come back.</summary>
public enum BackendKind
{
    /// <summary>
    /// Vulkan memory shared with CUDA: the frame is copied into an exported Vulkan buffer, CUDA (which imported it)
    /// copies it into the network's input tensor on the GPU, runs the network, and writes the result back the same
    /// way; Vulkan and CUDA order their work with shared timeline semaphores, so the CPU never waits and no pixel
    /// crosses to host memory.
    /// </summary>
    CudaInterop,

    /// <summary>
    /// The network as Vulkan compute shaders on the engine's own device: every pass is recorded into the engine's
    /// command buffer (or one the context submits to the engine's queue), weights and intermediate buffers live on the
    /// device from creation, and no pixel goes through host memory. Any vendor's Vulkan GPU, and lavapipe; no libtorch.
    /// </summary>
    VulkanCompute,

    /// <summary>
    /// Through host memory: the frame is read back from Vulkan, run through the network on the CPU (or on CUDA
    /// without interop), and uploaded. Works on every Vulkan device (lavapipe, other vendors' GPUs); the CPU waits
    /// for the readback.
    /// </summary>
    HostStaging,

    /// <summary>Frames in host memory given by the caller (engines without Vulkan, tools and tests).</summary>
    HostMemory,
}

/// <summary>Which backend a Vulkan context should use.</summary>
public enum BackendPreference
{
    /// <summary>CUDA interop when this machine and device support it, else vulkan-compute, else host staging (the choice and its reason are logged).</summary>
    Auto,

    /// <summary>CUDA interop or an error that names what is missing.</summary>
    CudaInterop,

    /// <summary>The network as compute shaders on the Vulkan device, or an error that names what the device lacks.</summary>
    VulkanCompute,

    /// <summary>Host staging even where CUDA interop would work.</summary>
    HostStaging,
}

public static class BackendNames
{
    public static string Of(BackendKind kind) => kind switch
    {
        BackendKind.CudaInterop => "CUDA interop",
        BackendKind.VulkanCompute => "vulkan-compute",
        BackendKind.HostStaging => "host staging",
        BackendKind.HostMemory => "host memory",
        _ => kind.ToString(),
    };

    public static BackendPreference ParsePreference(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => BackendPreference.Auto,
        "cuda-interop" or "cuda" or "interop" => BackendPreference.CudaInterop,
        "vulkan-compute" or "vulkan" or "compute" => BackendPreference.VulkanCompute,
        "host-staging" or "host" or "staging" => BackendPreference.HostStaging,
        _ => throw new Errors.InvalidSettingException($"'{text}' is not a backend", "Use auto, cuda-interop, vulkan-compute or host-staging."),
    };
}
