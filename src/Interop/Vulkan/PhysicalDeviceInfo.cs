using Silk.NET.Core.Native;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>What a physical device is and offers, read once.</summary>
public sealed unsafe record PhysicalDeviceInfo
{
    public required PhysicalDevice Handle { get; init; }
    public required string Name { get; init; }
    public required PhysicalDeviceType Type { get; init; }
    public required uint ApiVersion { get; init; }
    public required PhysicalDeviceLimits Limits { get; init; }
    public required PhysicalDeviceFeatures Features { get; init; }
    public required IReadOnlyList<QueueFamilyProperties> QueueFamilies { get; init; }
    public required IReadOnlySet<string> Extensions { get; init; }

    /// <summary>True for software rasterisers (lavapipe/llvmpipe, SwiftShader).</summary>
    public bool IsCpu => Type == PhysicalDeviceType.Cpu;

    public string ApiVersionText => $"{ApiVersion >> 22}.{(ApiVersion >> 12) & 0x3ff}.{ApiVersion & 0xfff}";

    public override string ToString() => $"{Name} ({TypeName}, Vulkan {ApiVersionText})";

    private string TypeName => Type switch
    {
        PhysicalDeviceType.DiscreteGpu => "discrete GPU",
        PhysicalDeviceType.IntegratedGpu => "integrated GPU",
        PhysicalDeviceType.VirtualGpu => "virtual GPU",
        PhysicalDeviceType.Cpu => "CPU",
        _ => "other",
    };

    /// <summary>Ranks device types the way a renderer prefers them: discrete, integrated, virtual, CPU.</summary>
    public int PreferenceRank => Type switch
    {
        PhysicalDeviceType.DiscreteGpu => 0,
        PhysicalDeviceType.IntegratedGpu => 1,
        PhysicalDeviceType.VirtualGpu => 2,
        PhysicalDeviceType.Cpu => 3,
        _ => 4,
    };

    internal static PhysicalDeviceInfo Query(Vk vk, PhysicalDevice device)
    {
        vk.GetPhysicalDeviceProperties(device, out var properties);
        vk.GetPhysicalDeviceFeatures(device, out var features);
        uint familyCount = 0;
        vk.GetPhysicalDeviceQueueFamilyProperties(device, &familyCount, null);
        var families = new QueueFamilyProperties[familyCount];
        fixed (QueueFamilyProperties* pointer = families)
            vk.GetPhysicalDeviceQueueFamilyProperties(device, &familyCount, pointer);
        uint extensionCount = 0;
        vk.EnumerateDeviceExtensionProperties(device, (byte*)null, &extensionCount, null).Check("vkEnumerateDeviceExtensionProperties");
        var extensions = new ExtensionProperties[extensionCount];
        fixed (ExtensionProperties* pointer = extensions)
            if (extensionCount > 0)
                vk.EnumerateDeviceExtensionProperties(device, (byte*)null, &extensionCount, pointer).Check("vkEnumerateDeviceExtensionProperties");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < extensionCount; i++)
            fixed (byte* name = extensions[i].ExtensionName) names.Add(SilkMarshal.PtrToString((nint)name) ?? "");
        return new PhysicalDeviceInfo
        {
            Handle = device,
            Name = SilkMarshal.PtrToString((nint)properties.DeviceName) ?? "unnamed device",
            Type = properties.DeviceType,
            ApiVersion = properties.ApiVersion,
            Limits = properties.Limits,
            Features = features,
            QueueFamilies = families,
            Extensions = names,
        };
    }
}
