using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace GdpoRealtime.Demo.Presentation;

/// <summary>VK_KHR_swapchain entry points, fetched from the device and called through unmanaged function pointers.</summary>
public sealed unsafe class KhrSwapchain
{
    public const string ExtensionName = "VK_KHR_swapchain";

    private readonly VulkanDevice device;
    private readonly delegate* unmanaged<Device, SwapchainCreateInfoKHR*, AllocationCallbacks*, SwapchainKHR*, Result> create;
    private readonly delegate* unmanaged<Device, SwapchainKHR, AllocationCallbacks*, void> destroy;
    private readonly delegate* unmanaged<Device, SwapchainKHR, uint*, Image*, Result> getImages;
    private readonly delegate* unmanaged<Device, SwapchainKHR, ulong, Semaphore, Fence, uint*, Result> acquire;
    private readonly delegate* unmanaged<Queue, PresentInfoKHR*, Result> present;

    public KhrSwapchain(VulkanDevice device)
    {
        this.device = device;
        create = (delegate* unmanaged<Device, SwapchainCreateInfoKHR*, AllocationCallbacks*, SwapchainKHR*, Result>)device.GetFunction("vkCreateSwapchainKHR");
        destroy = (delegate* unmanaged<Device, SwapchainKHR, AllocationCallbacks*, void>)device.GetFunction("vkDestroySwapchainKHR");
        getImages = (delegate* unmanaged<Device, SwapchainKHR, uint*, Image*, Result>)device.GetFunction("vkGetSwapchainImagesKHR");
        acquire = (delegate* unmanaged<Device, SwapchainKHR, ulong, Semaphore, Fence, uint*, Result>)device.GetFunction("vkAcquireNextImageKHR");
        present = (delegate* unmanaged<Queue, PresentInfoKHR*, Result>)device.GetFunction("vkQueuePresentKHR");
    }

    public SwapchainKHR Create(in SwapchainCreateInfoKHR info)
    {
        SwapchainKHR swapchain;
        fixed (SwapchainCreateInfoKHR* pointer = &info)
            create(device.Handle, pointer, null, &swapchain).Check("vkCreateSwapchainKHR");
        return swapchain;
    }

    public void Destroy(SwapchainKHR swapchain) => destroy(device.Handle, swapchain, null);

    public Image[] Images(SwapchainKHR swapchain)
    {
        uint count = 0;
        getImages(device.Handle, swapchain, &count, null).Check("vkGetSwapchainImagesKHR");
        var images = new Image[count];
        fixed (Image* pointer = images)
            getImages(device.Handle, swapchain, &count, pointer).Check("vkGetSwapchainImagesKHR");
        return images;
    }

    /// <summary>vkAcquireNextImageKHR; returns the raw result so callers can react to OutOfDate and Suboptimal.</summary>
    public Result AcquireNextImage(SwapchainKHR swapchain, Semaphore signal, out uint index)
    {
        uint i;
        var result = acquire(device.Handle, swapchain, ulong.MaxValue, signal, default, &i);
        index = i;
        return result;
    }

    /// <summary>vkQueuePresentKHR; returns the raw result so callers can react to OutOfDate and Suboptimal.</summary>
    public Result Present(SwapchainKHR swapchain, uint index, Semaphore wait)
    {
        var chain = swapchain;
        var info = new PresentInfoKHR
        {
            SType = StructureType.PresentInfoKhr,
            WaitSemaphoreCount = 1,
            PWaitSemaphores = &wait,
            SwapchainCount = 1,
            PSwapchains = &chain,
            PImageIndices = &index,
        };
        lock (device.QueueGate) return present(device.Queue, &info);
    }
}
