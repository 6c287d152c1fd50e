using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan.External;

/// <summary>
/// Asks a physical device whether it can export buffer memory and timeline semaphores as this OS's handle, and
/// reads its UUID (the key that finds the same GPU in CUDA). Needs an instance of Vulkan 1.1 or later.
/// </summary>
public static unsafe class ExternalSupport
{
    /// <summary>Export capabilities of buffer memory with <paramref name="usage"/>: whether it can be exported, and whether only dedicated allocations can.</summary>
    public static (bool Exportable, bool DedicatedOnly) Buffer(VulkanInstance instance, PhysicalDevice device, BufferUsageFlags usage)
    {
        RequireVersion11(instance);
        var info = new PhysicalDeviceExternalBufferInfo
        {
            SType = StructureType.PhysicalDeviceExternalBufferInfo,
            Usage = usage,
            HandleType = ExternalHandles.MemoryHandleType,
        };
        var properties = new ExternalBufferProperties { SType = StructureType.ExternalBufferProperties };
        instance.Vk.GetPhysicalDeviceExternalBufferProperties(device, &info, &properties);
        var features = properties.ExternalMemoryProperties.ExternalMemoryFeatures;
        return ((features & ExternalMemoryFeatureFlags.ExportableBit) != 0, (features & ExternalMemoryFeatureFlags.DedicatedOnlyBit) != 0);
    }

    /// <summary>Whether a timeline semaphore can be exported as this OS's handle.</summary>
    public static bool TimelineSemaphoreExportable(VulkanInstance instance, PhysicalDevice device)
    {
        RequireVersion11(instance);
        var type = new SemaphoreTypeCreateInfo { SType = StructureType.SemaphoreTypeCreateInfo, SemaphoreType = SemaphoreType.Timeline };
        var info = new PhysicalDeviceExternalSemaphoreInfo
        {
            SType = StructureType.PhysicalDeviceExternalSemaphoreInfo,
            PNext = &type,
            HandleType = ExternalHandles.SemaphoreHandleType,
        };
        var properties = new ExternalSemaphoreProperties { SType = StructureType.ExternalSemaphoreProperties };
        instance.Vk.GetPhysicalDeviceExternalSemaphoreProperties(device, &info, &properties);
        return (properties.ExternalSemaphoreFeatures & ExternalSemaphoreFeatureFlags.ExportableBit) != 0;
    }

    /// <summary>VkPhysicalDeviceIDProperties.deviceUUID: the same 16 bytes CUDA reports for the same GPU (cuDeviceGetUuid).</summary>
    public static byte[] DeviceUuid(VulkanInstance instance, PhysicalDevice device)
    {
        RequireVersion11(instance);
        var id = new PhysicalDeviceIDProperties { SType = StructureType.PhysicalDeviceIDProperties };
        var properties = new PhysicalDeviceProperties2 { SType = StructureType.PhysicalDeviceProperties2, PNext = &id };
        instance.Vk.GetPhysicalDeviceProperties2(device, &properties);
        return new ReadOnlySpan<byte>(id.DeviceUuid, 16).ToArray();
    }

    /// <summary>A UUID as nvidia-smi and vulkaninfo print it (8-4-4-4-12 hex digits in byte order).</summary>
    public static string FormatUuid(ReadOnlySpan<byte> uuid)
    {
        string hex = Convert.ToHexStringLower(uuid);
        return hex.Length == 32 ? $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}" : hex;
    }

    private static void RequireVersion11(VulkanInstance instance)
    {
        if (instance.ApiVersion < Vk.Version11)
            throw new VulkanUnavailableException("Querying external memory, semaphores and device UUIDs needs a Vulkan 1.1 instance, but the instance is Vulkan 1.0",
                "Create the instance with apiVersion 1.2 or later (VkApplicationInfo.apiVersion)");
    }
}
