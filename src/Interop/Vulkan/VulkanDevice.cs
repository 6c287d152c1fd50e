using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>What a <see cref="VulkanDevice"/> should enable and which physical device may serve it.</summary>
public sealed record VulkanDeviceOptions
{
    /// <summary>Device extensions the caller cannot work without (for example VK_KHR_swapchain for a window).</summary>
    public IReadOnlyList<string> RequiredExtensions { get; init; } = Array.Empty<string>();

    /// <summary>Device extensions enabled when the device offers them.</summary>
    public IReadOnlyList<string> OptionalExtensions { get; init; } = Array.Empty<string>();

    /// <summary>Extra test on a queue family besides graphics+compute (for example: can it present to this surface?).</summary>
    public Func<PhysicalDeviceInfo, uint, bool>? QueueFamilyFilter { get; init; }

    /// <summary>Enable anisotropic filtering when the device has it.</summary>
    public bool SamplerAnisotropy { get; init; }

    /// <summary>Enable timeline semaphores (Vulkan 1.2) when the device has them; the CUDA-interop upscaler needs them.</summary>
    public bool TimelineSemaphore { get; init; }

    /// <summary>Enable float16 arithmetic in shaders (shaderFloat16, Vulkan 1.2) when the device has it; the vulkan-compute upscaler's float16 path needs it.</summary>
    public bool ShaderFloat16 { get; init; }

    /// <summary>A substring of the device name to prefer over the usual ranking (GPU, then CPU); default: $GDPO_VULKAN_DEVICE.</summary>
    public string? PreferredName { get; init; } = Environment.GetEnvironmentVariable("GDPO_VULKAN_DEVICE");
}

/// <summary>
/// A logical device with one queue that does graphics, compute and transfer (every Vulkan implementation
/// has such a family), a command pool for it, and helpers for one-shot work. Either created here (and destroyed
/// on dispose) or borrowed from an engine by handle (<see cref="FromHandles"/>: only the command pool made here is
/// destroyed).
/// </summary>
public sealed unsafe class VulkanDevice : IDisposable
{
    private readonly Lock submitGate = new();
    private readonly bool owned;
    private long objectsCreated;
    private bool disposed;

    private VulkanDevice(VulkanInstance instance, PhysicalDeviceInfo physical, Device device, uint family, Queue queue,
        IReadOnlyList<string> extensions, PhysicalDeviceFeatures enabled, bool timelineSemaphore, bool shaderFloat16, bool owned)
    {
        ShaderFloat16Enabled = shaderFloat16;
        Instance = instance;
        Physical = physical;
        Handle = device;
        QueueFamilyIndex = family;
        EnabledExtensions = extensions;
        EnabledFeatures = enabled;
        TimelineSemaphoreEnabled = timelineSemaphore;
        this.owned = owned;
        Queue = queue;
        Vk.GetPhysicalDeviceMemoryProperties(physical.Handle, out var memory);
        MemoryProperties = memory;
        var poolInfo = new CommandPoolCreateInfo
        {
            SType = StructureType.CommandPoolCreateInfo,
            QueueFamilyIndex = family,
            Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
        };
        Vk.CreateCommandPool(device, &poolInfo, null, out var pool).Check("vkCreateCommandPool");
        CommandPool = pool;
    }

    public VulkanInstance Instance { get; }
    public Vk Vk => Instance.Vk;
    public PhysicalDeviceInfo Physical { get; }
    public Device Handle { get; }
    public Queue Queue { get; }
    public uint QueueFamilyIndex { get; }
    public CommandPool CommandPool { get; }
    public PhysicalDeviceMemoryProperties MemoryProperties { get; }
    public IReadOnlyList<string> EnabledExtensions { get; }
    public PhysicalDeviceFeatures EnabledFeatures { get; }

    /// <summary>Whether the device was created with the timelineSemaphore feature (Vulkan 1.2).</summary>
    public bool TimelineSemaphoreEnabled { get; }

    /// <summary>Whether the device was created with the shaderFloat16 feature (Vulkan 1.2).</summary>
    public bool ShaderFloat16Enabled { get; }

    /// <summary>False for a device borrowed with <see cref="FromHandles"/>.</summary>
    public bool IsOwned => owned;

    /// <summary>The API version usable on this device: the lower of the instance's and the device's.</summary>
    public uint ApiVersion => Math.Min(Instance.ApiVersion, Physical.ApiVersion);

    /// <summary>
    /// Wraps a device the caller created (an engine's): its physical device, the queue family and queue the caller
    /// submits to, and what it enabled (Vulkan cannot be asked which extensions or features a device was created
    /// with). A command pool is made for the queue family; disposing the wrapper destroys only that pool.
    /// </summary>
    public static VulkanDevice FromHandles(VulkanInstance instance, nint physicalDevice, nint device, uint queueFamilyIndex, nint queue,
        IReadOnlyList<string> enabledExtensions, bool timelineSemaphoreEnabled, bool shaderFloat16Enabled = false)
    {
        if (physicalDevice == 0) throw new ArgumentException("The VkPhysicalDevice handle is null.", nameof(physicalDevice));
        if (device == 0) throw new ArgumentException("The VkDevice handle is null.", nameof(device));
        if (queue == 0) throw new ArgumentException("The VkQueue handle is null.", nameof(queue));
        var physical = PhysicalDeviceInfo.Query(instance.Vk, new PhysicalDevice(physicalDevice));
        if (queueFamilyIndex >= physical.QueueFamilies.Count)
            throw new ArgumentOutOfRangeException(nameof(queueFamilyIndex), $"{physical.Name} has {physical.QueueFamilies.Count} queue families; {queueFamilyIndex} is not one.");
        var handle = new Device(device);
        instance.Vk.CurrentDevice = handle;
        return new VulkanDevice(instance, physical, handle, queueFamilyIndex, new Queue(queue), enabledExtensions, default,
            timelineSemaphoreEnabled, shaderFloat16Enabled, owned: false);
    }

    /// <summary>Picks the best physical device that meets the options and creates the logical device.</summary>
    public static VulkanDevice Create(VulkanInstance instance, VulkanDeviceOptions? options = null, ILogger? logger = null)
    {
        options ??= new VulkanDeviceOptions();
        logger ??= NullLogger.Instance;
        var devices = instance.PhysicalDevices();
        if (devices.Count == 0)
            throw new VulkanUnavailableException("The Vulkan loader found no device (no driver is installed, or none works here)",
                VulkanUnavailableException.InstallFix);

        var rejected = new List<string>();
        var candidates = new List<(PhysicalDeviceInfo Device, uint Family)>();
        foreach (var device in devices)
        {
            var missing = options.RequiredExtensions.Where(e => !device.Extensions.Contains(e)).ToList();
            if (missing.Count > 0)
            {
                rejected.Add($"{device.Name}: lacks {string.Join(", ", missing)}");
                continue;
            }
            int family = FindQueueFamily(device, options.QueueFamilyFilter);
            if (family < 0)
            {
                rejected.Add($"{device.Name}: no queue family does graphics{(options.QueueFamilyFilter is null ? "" : " and presents to the window")}");
                continue;
            }
            candidates.Add((device, (uint)family));
        }
        if (candidates.Count == 0)
            throw new VulkanUnavailableException($"No Vulkan device can do this work ({string.Join("; ", rejected)})",
                "Update the Vulkan driver, or install lavapipe ('apt-get install mesa-vulkan-drivers')");

        var chosen = candidates
            .OrderBy(c => options.PreferredName is { Length: > 0 } wanted && c.Device.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(c => c.Device.PreferenceRank)
            .First();
        var extensions = options.RequiredExtensions
            .Concat(options.OptionalExtensions.Where(chosen.Device.Extensions.Contains))
            .Distinct().ToList();
        var features = new PhysicalDeviceFeatures
        {
            SamplerAnisotropy = options.SamplerAnisotropy && chosen.Device.Features.SamplerAnisotropy,
        };
        bool timeline = options.TimelineSemaphore && SupportsTimelineSemaphores(instance, chosen.Device);
        bool float16 = options.ShaderFloat16 && SupportsShaderFloat16(instance, chosen.Device);
        var vulkan12 = new PhysicalDeviceVulkan12Features
        {
            SType = StructureType.PhysicalDeviceVulkan12Features,
            TimelineSemaphore = timeline,
            ShaderFloat16 = float16,
        };

        float priority = 1f;
        var queueInfo = new DeviceQueueCreateInfo
        {
            SType = StructureType.DeviceQueueCreateInfo,
            QueueFamilyIndex = chosen.Family,
            QueueCount = 1,
            PQueuePriorities = &priority,
        };
        using var extensionNames = new NativeUtf8Array(extensions);
        var info = new DeviceCreateInfo
        {
            SType = StructureType.DeviceCreateInfo,
            QueueCreateInfoCount = 1,
            PQueueCreateInfos = &queueInfo,
            EnabledExtensionCount = (uint)extensions.Count,
            PpEnabledExtensionNames = extensionNames.Pointer,
            PEnabledFeatures = &features,
            PNext = timeline || float16 ? &vulkan12 : null,
        };
        Device handle;
        instance.Vk.CreateDevice(chosen.Device.Handle, &info, null, &handle).Check("vkCreateDevice");
        logger.LogInformation("Vulkan device: {Device}", chosen.Device);
        instance.Vk.GetDeviceQueue(handle, chosen.Family, 0, out var queue);
        return new VulkanDevice(instance, chosen.Device, handle, chosen.Family, queue, extensions, features, timeline, float16, owned: true);
    }

    /// <summary>Whether the device offers timeline semaphores through Vulkan 1.2 (both the instance and the device must be 1.2 or later).</summary>
    public static bool SupportsTimelineSemaphores(VulkanInstance instance, PhysicalDeviceInfo device)
    {
        if (instance.ApiVersion < Vk.Version12 || device.ApiVersion < Vk.Version12) return false;
        var vulkan12 = new PhysicalDeviceVulkan12Features { SType = StructureType.PhysicalDeviceVulkan12Features };
        var features = new PhysicalDeviceFeatures2 { SType = StructureType.PhysicalDeviceFeatures2, PNext = &vulkan12 };
        instance.Vk.GetPhysicalDeviceFeatures2(device.Handle, &features);
        return vulkan12.TimelineSemaphore;
    }

    /// <summary>Whether the device offers float16 shader arithmetic (shaderFloat16) through Vulkan 1.2.</summary>
    public static bool SupportsShaderFloat16(VulkanInstance instance, PhysicalDeviceInfo device)
    {
        if (instance.ApiVersion < Vk.Version12 || device.ApiVersion < Vk.Version12) return false;
        var vulkan12 = new PhysicalDeviceVulkan12Features { SType = StructureType.PhysicalDeviceVulkan12Features };
        var features = new PhysicalDeviceFeatures2 { SType = StructureType.PhysicalDeviceFeatures2, PNext = &vulkan12 };
        instance.Vk.GetPhysicalDeviceFeatures2(device.Handle, &features);
        return vulkan12.ShaderFloat16;
    }

    private static int FindQueueFamily(PhysicalDeviceInfo device, Func<PhysicalDeviceInfo, uint, bool>? filter)
    {
        const QueueFlags wanted = QueueFlags.GraphicsBit | QueueFlags.ComputeBit;
        for (int i = 0; i < device.QueueFamilies.Count; i++)
        {
            var family = device.QueueFamilies[i];
            if (family.QueueCount == 0 || (family.QueueFlags & wanted) != wanted) continue;
            if (filter is not null && !filter(device, (uint)i)) continue;
            return i;
        }
        return -1;
    }

    /// <summary>The index of a memory type allowed by <paramref name="typeBits"/> with all of <paramref name="flags"/>, or -1.</summary>
    public int FindMemoryType(uint typeBits, MemoryPropertyFlags flags)
    {
        var properties = MemoryProperties;
        for (int i = 0; i < properties.MemoryTypeCount; i++)
            if ((typeBits & (1u << i)) != 0 && (properties.MemoryTypes[i].PropertyFlags & flags) == flags) return i;
        return -1;
    }

    /// <summary>Like <see cref="FindMemoryType"/>, trying each set of flags in turn; throws when none fits.</summary>
    public uint ChooseMemoryType(uint typeBits, params MemoryPropertyFlags[] preferences)
    {
        foreach (var flags in preferences)
        {
            int index = FindMemoryType(typeBits, flags);
            if (index >= 0) return (uint)index;
        }
        throw new VulkanUnavailableException($"The device {Physical.Name} has no memory type with {string.Join(" or ", preferences)}",
            "Update the Vulkan driver or choose another device (GDPO_VULKAN_DEVICE)");
    }

    /// <summary>A device-level function (an extension's entry point), or an exception naming it.</summary>
    public nint GetFunction(string name)
    {
        nint pointer = Vk.GetDeviceProcAddr(Handle, name);
        if (pointer == 0)
            throw new VulkanUnavailableException($"The Vulkan device {Physical.Name} has no function {name}",
                "Update the driver; the extension providing it must be enabled on the device");
        return pointer;
    }

    /// <summary>Records commands into a fresh command buffer, submits it and waits until the device has run it.</summary>
    public void Submit(Action<CommandBuffer> record)
    {
        using var commands = new CommandBufferRunner(this);
        commands.Run(record);
    }

    /// <summary>Submits a recorded command buffer; serialised because a VkQueue must not be used from two threads at once.</summary>
    public void SubmitToQueue(in SubmitInfo submit, Fence fence)
    {
        lock (submitGate)
        {
            fixed (SubmitInfo* pointer = &submit)
                Vk.QueueSubmit(Queue, 1, pointer, fence).Check("vkQueueSubmit");
        }
    }

    /// <summary>Held around every use of <see cref="Queue"/> (submits, presents): a VkQueue must not be used from two threads at once.</summary>
    public Lock QueueGate => submitGate;

    public void WaitIdle() => Vk.DeviceWaitIdle(Handle).Check("vkDeviceWaitIdle");

    /// <summary>
    /// Vulkan objects and memory allocations made through this wrapper by the helpers of this folder (buffers and their
    /// memory, command buffers, fences, semaphores, query pools, descriptor and pipeline objects), so that a test can hold
    /// a context's per-frame path to creating none. The upscaler borrows the engine's device through a wrapper of its
    /// own, so this counts the upscaler's objects alone.
    /// </summary>
    public long ObjectsCreated => Interlocked.Read(ref objectsCreated);

    internal void CountCreated(int objects = 1) => Interlocked.Add(ref objectsCreated, objects);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (owned) Vk.DeviceWaitIdle(Handle);
        // A borrowed device's owner waits for the work it cares about; work submitted from this pool has been waited for by its users.
        Vk.DestroyCommandPool(Handle, CommandPool, null);
        if (owned) Vk.DestroyDevice(Handle, null);
    }
}
