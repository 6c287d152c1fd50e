using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Core;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Demo.Presentation;

/// <summary>
/// VK_KHR_surface entry points, fetched from the instance. Silk.NET's extension classes are not served,
/// so the few functions used are called through unmanaged function pointers.
/// </summary>
public sealed unsafe class KhrSurface
{
    public const string ExtensionName = "VK_KHR_surface";

    private readonly VulkanInstance instance;
    private readonly delegate* unmanaged<Instance, SurfaceKHR, AllocationCallbacks*, void> destroySurface;
    private readonly delegate* unmanaged<PhysicalDevice, uint, SurfaceKHR, Bool32*, Result> getSupport;
    private readonly delegate* unmanaged<PhysicalDevice, SurfaceKHR, SurfaceCapabilitiesKHR*, Result> getCapabilities;
    private readonly delegate* unmanaged<PhysicalDevice, SurfaceKHR, uint*, SurfaceFormatKHR*, Result> getFormats;
    private readonly delegate* unmanaged<PhysicalDevice, SurfaceKHR, uint*, PresentModeKHR*, Result> getPresentModes;

    public KhrSurface(VulkanInstance instance)
    {
        this.instance = instance;
        destroySurface = (delegate* unmanaged<Instance, SurfaceKHR, AllocationCallbacks*, void>)instance.GetFunction("vkDestroySurfaceKHR");
        getSupport = (delegate* unmanaged<PhysicalDevice, uint, SurfaceKHR, Bool32*, Result>)instance.GetFunction("vkGetPhysicalDeviceSurfaceSupportKHR");
        getCapabilities = (delegate* unmanaged<PhysicalDevice, SurfaceKHR, SurfaceCapabilitiesKHR*, Result>)
            instance.GetFunction("vkGetPhysicalDeviceSurfaceCapabilitiesKHR");
        getFormats = (delegate* unmanaged<PhysicalDevice, SurfaceKHR, uint*, SurfaceFormatKHR*, Result>)
            instance.GetFunction("vkGetPhysicalDeviceSurfaceFormatsKHR");
        getPresentModes = (delegate* unmanaged<PhysicalDevice, SurfaceKHR, uint*, PresentModeKHR*, Result>)
            instance.GetFunction("vkGetPhysicalDeviceSurfacePresentModesKHR");
    }

    public void DestroySurface(SurfaceKHR surface) => destroySurface(instance.Handle, surface, null);

    public bool SupportsPresent(PhysicalDevice device, uint queueFamily, SurfaceKHR surface)
    {
        Bool32 supported;
        getSupport(device, queueFamily, surface, &supported).Check("vkGetPhysicalDeviceSurfaceSupportKHR");
        return supported;
    }

    public SurfaceCapabilitiesKHR Capabilities(PhysicalDevice device, SurfaceKHR surface)
    {
        SurfaceCapabilitiesKHR capabilities;
        getCapabilities(device, surface, &capabilities).Check("vkGetPhysicalDeviceSurfaceCapabilitiesKHR");
        return capabilities;
    }

    public SurfaceFormatKHR[] Formats(PhysicalDevice device, SurfaceKHR surface)
    {
        uint count = 0;
        getFormats(device, surface, &count, null).Check("vkGetPhysicalDeviceSurfaceFormatsKHR");
        var formats = new SurfaceFormatKHR[count];
        fixed (SurfaceFormatKHR* pointer = formats)
            if (count > 0) getFormats(device, surface, &count, pointer).Check("vkGetPhysicalDeviceSurfaceFormatsKHR");
        return formats[..(int)count];
    }

    public PresentModeKHR[] PresentModes(PhysicalDevice device, SurfaceKHR surface)
    {
        uint count = 0;
        getPresentModes(device, surface, &count, null).Check("vkGetPhysicalDeviceSurfacePresentModesKHR");
        var modes = new PresentModeKHR[count];
        fixed (PresentModeKHR* pointer = modes)
            if (count > 0) getPresentModes(device, surface, &count, pointer).Check("vkGetPhysicalDeviceSurfacePresentModesKHR");
        return modes[..(int)count];
    }
}
