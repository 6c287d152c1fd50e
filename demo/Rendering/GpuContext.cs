using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Demo.Rendering;

/// <summary>The Vulkan instance and device the demo renders with, and a command buffer for synchronous work.</summary>
public sealed class GpuContext : IDisposable
{
    /// <summary>Set to 1 to enable the Khronos validation layer when it is installed (development; see VulkanValidation).</summary>
    public const string ValidationVariable = VulkanValidation.Variable;

    private bool disposed;

    public GpuContext(VulkanInstance instance, VulkanDevice device)
    {
        Instance = instance;
        Device = device;
        Commands = new CommandBufferRunner(device);
    }

    public VulkanInstance Instance { get; }
    public VulkanDevice Device { get; }
    public CommandBufferRunner Commands { get; }

    /// <summary>An instance without window-system extensions and the best device for offscreen rendering.</summary>
    public static GpuContext CreateOffscreen(ILogger logger, bool anisotropy = false)
    {
        var instance = VulkanInstance.Create(InstanceOptions(Array.Empty<string>()));
        try
        {
            var device = VulkanDevice.Create(instance, DeviceOptions(anisotropy), logger);
            return new GpuContext(instance, device);
        }
        catch
        {
            instance.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The device the demo renders and upscales on: it enables what the engine runtime's backends need wherever the
    /// driver offers it (external memory and semaphores and timeline semaphores for CUDA interop, shaderFloat16 for
    /// vulkan-compute's float16 path), as an engine would.
    /// </summary>
    public static VulkanDeviceOptions DeviceOptions(bool anisotropy, IReadOnlyList<string>? requiredExtensions = null,
        Func<PhysicalDeviceInfo, uint, bool>? queueFamilyFilter = null) => new()
    {
        RequiredExtensions = requiredExtensions ?? Array.Empty<string>(),
        OptionalExtensions = VulkanUpscaler.InteropDeviceExtensions,
        TimelineSemaphore = true,
        ShaderFloat16 = true,
        SamplerAnisotropy = anisotropy,
        QueueFamilyFilter = queueFamilyFilter,
    };

    public static VulkanInstanceOptions InstanceOptions(IReadOnlyList<string> requiredExtensions) => new()
    {
        ApplicationName = "gdpo-sr demo",
        RequiredExtensions = requiredExtensions,
        OptionalExtensions = VulkanUpscaler.InteropInstanceExtensions,
        // GDPO_VULKAN_VALIDATION=1 adds the validation layer in VulkanInstance.Create, for every instance of the process.
    };

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        Commands.Dispose();
        Device.Dispose();
        Instance.Dispose();
    }
}
