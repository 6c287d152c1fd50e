using GdpoRealtime.Runtime.Errors;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>A Vulkan call returned an error. Names the call and the result, in every build configuration.</summary>
public sealed class VulkanException : GdpoRealtimeException
{
    public VulkanException(string call, Result result)
        : base($"Vulkan call {call} failed with {result}", FixFor(result))
    {
        Call = call;
        Result = result;
    }

    public string Call { get; }
    public Result Result { get; }

    private static string FixFor(Result result) => result switch
    {
        Result.ErrorOutOfDeviceMemory or Result.ErrorOutOfHostMemory or Result.ErrorOutOfPoolMemory =>
            "The GPU or host ran out of memory: use smaller frames (a smaller display or render size) or close other GPU programs",
        Result.ErrorDeviceLost => "The GPU driver reset the device: update the driver, or use smaller frames (a smaller display or render size)",
        Result.ErrorIncompatibleDriver or Result.ErrorInitializationFailed =>
            "Install a working Vulkan driver (on Debian: 'apt-get install mesa-vulkan-drivers libvulkan1' gives lavapipe, a CPU driver)",
        Result.ErrorExtensionNotPresent or Result.ErrorFeatureNotPresent or Result.ErrorLayerNotPresent =>
            "The Vulkan driver lacks a required capability: update the driver or choose another device",
        Result.ErrorSurfaceLostKhr or Result.ErrorNativeWindowInUseKhr => "The window was lost: create its surface and swapchain again, or restart the program",
        _ => "Set VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation to see the driver's explanation, and report it with the driver name",
    };
}

/// <summary>No usable Vulkan: the loader library, a driver (ICD) or a suitable device is missing.</summary>
public sealed class VulkanUnavailableException(string cause, string fix, Exception? inner = null)
    : GdpoRealtimeException(cause, fix, inner)
{
    public const string InstallFix =
        "Install a Vulkan driver: on Debian or Ubuntu 'sudo apt-get install libvulkan1 mesa-vulkan-drivers' gives lavapipe, " +
        "a CPU driver that works without a GPU (scripts/setup.sh installs it); 'vulkaninfo --summary' shows what the loader finds";
}

public static class VulkanResults
{
    /// <summary>Throws a <see cref="VulkanException"/> naming <paramref name="call"/> unless the result is a success code.</summary>
    public static void Check(this Result result, string call)
    {
        if (result != Result.Success) throw new VulkanException(call, result);
    }
}
