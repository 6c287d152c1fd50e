using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Upscaling;

/// <summary>
/// The engine's Vulkan objects the upscaler works with, as raw handles (any Vulkan binding has them), plus what the
/// engine enabled at creation, which Vulkan cannot be asked afterwards. The upscaler submits to <see cref="Queue"/>
/// from the thread that calls Dispatch: call it where you submit to that queue, or hold your queue lock around it.
/// </summary>
public sealed record VulkanDeviceHandles
{
    /// <summary>VkInstance.</summary>
    public required nint Instance { get; init; }

    /// <summary>The VkApplicationInfo.apiVersion the instance was created with (1.2 or later for CUDA interop).</summary>
    public uint InstanceApiVersion { get; init; } = Vk.Version12;

    /// <summary>VkPhysicalDevice.</summary>
    public required nint PhysicalDevice { get; init; }

    /// <summary>VkDevice.</summary>
    public required nint Device { get; init; }

    /// <summary>The VkQueue the upscaler submits its copies to (the engine's graphics or compute queue).</summary>
    public required nint Queue { get; init; }

    /// <summary>The family of <see cref="Queue"/>; the input and output images must be owned by it.</summary>
    public required uint QueueFamilyIndex { get; init; }

    /// <summary>The device extensions the engine enabled (VulkanUpscaler.Requirements lists what CUDA interop needs).</summary>
    public required IReadOnlyList<string> EnabledDeviceExtensions { get; init; }

    /// <summary>Whether the engine enabled the timelineSemaphore feature (VkPhysicalDeviceVulkan12Features); CUDA interop needs it.</summary>
    public bool TimelineSemaphoreEnabled { get; init; }

    /// <summary>
    /// Whether the engine enabled shaderFloat16 (VkPhysicalDeviceVulkan12Features); the vulkan-compute backend runs the
    /// network in float16 only then.
    /// </summary>
    public bool ShaderFloat16Enabled { get; init; }

    /// <summary>The handles of a device made with this project's own Vulkan helpers (the demo, the tests, the bench).</summary>
    public static VulkanDeviceHandles From(VulkanDevice device) => new()
    {
        Instance = device.Instance.Handle.Handle,
        InstanceApiVersion = device.Instance.ApiVersion,
        PhysicalDevice = device.Physical.Handle.Handle,
        Device = device.Handle.Handle,
        Queue = device.Queue.Handle,
        QueueFamilyIndex = device.QueueFamilyIndex,
        EnabledDeviceExtensions = device.EnabledExtensions,
        TimelineSemaphoreEnabled = device.TimelineSemaphoreEnabled,
        ShaderFloat16Enabled = device.ShaderFloat16Enabled,
    };
}
