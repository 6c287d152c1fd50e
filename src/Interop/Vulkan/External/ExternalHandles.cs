using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan.External;

/// <summary>
/// The kind of OS handle Vulkan memory and semaphores are shared through on this operating system, and the
/// extensions that provide it: opaque file descriptors on Linux, opaque (NT) Win32 handles on Windows. These are the
/// handle kinds CUDA imports (cudaExternalMemoryHandleTypeOpaqueFd / OpaqueWin32).
/// </summary>
public static class ExternalHandles
{
    public const string ExternalMemory = "VK_KHR_external_memory";
    public const string ExternalMemoryFd = "VK_KHR_external_memory_fd";
    public const string ExternalMemoryWin32 = "VK_KHR_external_memory_win32";
    public const string ExternalSemaphore = "VK_KHR_external_semaphore";
    public const string ExternalSemaphoreFd = "VK_KHR_external_semaphore_fd";
    public const string ExternalSemaphoreWin32 = "VK_KHR_external_semaphore_win32";
    public const string TimelineSemaphore = "VK_KHR_timeline_semaphore";
    public const string PhysicalDeviceProperties2 = "VK_KHR_get_physical_device_properties2";
    public const string ExternalMemoryCapabilities = "VK_KHR_external_memory_capabilities";
    public const string ExternalSemaphoreCapabilities = "VK_KHR_external_semaphore_capabilities";

    public static bool UsesWin32Handles => OperatingSystem.IsWindows();

    public static ExternalMemoryHandleTypeFlags MemoryHandleType =>
        UsesWin32Handles ? ExternalMemoryHandleTypeFlags.OpaqueWin32Bit : ExternalMemoryHandleTypeFlags.OpaqueFDBit;

    public static ExternalSemaphoreHandleTypeFlags SemaphoreHandleType =>
        UsesWin32Handles ? ExternalSemaphoreHandleTypeFlags.OpaqueWin32Bit : ExternalSemaphoreHandleTypeFlags.OpaqueFDBit;

    /// <summary>The extension that exports memory as this OS's handle.</summary>
    public static string MemoryExportExtension => UsesWin32Handles ? ExternalMemoryWin32 : ExternalMemoryFd;

    /// <summary>The extension that exports semaphores as this OS's handle.</summary>
    public static string SemaphoreExportExtension => UsesWin32Handles ? ExternalSemaphoreWin32 : ExternalSemaphoreFd;

    /// <summary>Device extensions for sharing memory and timeline semaphores with CUDA on this OS.</summary>
    public static IReadOnlyList<string> DeviceExtensions { get; } = new[]
    {
        ExternalMemory, MemoryExportExtension, ExternalSemaphore, SemaphoreExportExtension, TimelineSemaphore,
    };

    /// <summary>
    /// Instance extensions for querying external handle support and device UUIDs. All are core in Vulkan 1.1; they
    /// are listed so that engines whose loader reports them enable them, which is harmless on newer instances.
    /// </summary>
    public static IReadOnlyList<string> InstanceExtensions { get; } = new[]
    {
        PhysicalDeviceProperties2, ExternalMemoryCapabilities, ExternalSemaphoreCapabilities,
    };

    public static string HandleName => UsesWin32Handles ? "opaque Win32 handle" : "opaque file descriptor";
}
