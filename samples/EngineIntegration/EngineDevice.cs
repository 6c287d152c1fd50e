using Silk.NET.Core;
using Silk.NET.Core.Native;
using GdpoRealtime.Interop.Upscaling;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace EngineIntegration;

/// <summary>
/// Stands for the engine's own Vulkan start-up: an instance, the first device with a graphics queue (a discrete GPU
/// before others; lavapipe where there is no GPU), one queue, a command buffer and a fence. It enables the extensions
/// asked for that the loader and device offer, and the Vulkan 1.2 features the upscaler can use (timelineSemaphore for
/// CUDA interop, shaderFloat16 for vulkan-compute in float16) where the device has them, and remembers what it enabled,
/// since Vulkan cannot be asked afterwards.
/// </summary>
internal sealed unsafe class EngineDevice : IDisposable
{
    private readonly CommandPool pool;
    private readonly CommandBuffer commands;
    private readonly Fence fence;

    private EngineDevice(Vk vk, Instance instance, PhysicalDevice physical, Device device, uint family, IReadOnlyList<string> extensions,
        bool timeline, bool float16)
    {
        Vk = vk;
        Instance = instance;
        PhysicalDevice = physical;
        Device = device;
        QueueFamily = family;
        EnabledExtensions = extensions;
        TimelineSemaphoreEnabled = timeline;
        ShaderFloat16Enabled = float16;
        Queue = vk.GetDeviceQueue(device, family, 0);
        var poolInfo = new CommandPoolCreateInfo
        {
            SType = StructureType.CommandPoolCreateInfo, QueueFamilyIndex = family, Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
        };
        Check(vk.CreateCommandPool(device, &poolInfo, null, out pool), "vkCreateCommandPool");
        var allocate = new CommandBufferAllocateInfo
        {
            SType = StructureType.CommandBufferAllocateInfo, CommandPool = pool, Level = CommandBufferLevel.Primary, CommandBufferCount = 1,
        };
        Check(vk.AllocateCommandBuffers(device, &allocate, out commands), "vkAllocateCommandBuffers");
        var fenceInfo = new FenceCreateInfo { SType = StructureType.FenceCreateInfo };
        Check(vk.CreateFence(device, &fenceInfo, null, out fence), "vkCreateFence");
    }

    public Vk Vk { get; }
    public Instance Instance { get; }
    public PhysicalDevice PhysicalDevice { get; }
    public Device Device { get; }
    public Queue Queue { get; }
    public uint QueueFamily { get; }
    public IReadOnlyList<string> EnabledExtensions { get; }
    public bool TimelineSemaphoreEnabled { get; }
    public bool ShaderFloat16Enabled { get; }

    public string Name
    {
        get
        {
            Vk.GetPhysicalDeviceProperties(PhysicalDevice, out var properties);
            return SilkMarshal.PtrToString((nint)properties.DeviceName) ?? "unnamed device";
        }
    }

    /// <summary>Creates the instance (Vulkan 1.2) and the device, enabling the given extensions where offered.</summary>
    public static EngineDevice Create(IReadOnlyList<string> instanceExtensions, IReadOnlyList<string> deviceExtensions)
    {
        var vk = Vk.GetApi();
        var instance = CreateInstance(vk, Offered(InstanceExtensionNames(vk), instanceExtensions));
        try
        {
            var (physical, family) = ChooseDevice(vk, instance);
            var extensions = Offered(DeviceExtensionNames(vk, physical), deviceExtensions);
            var available = new PhysicalDeviceVulkan12Features { SType = StructureType.PhysicalDeviceVulkan12Features };
            var features = new PhysicalDeviceFeatures2 { SType = StructureType.PhysicalDeviceFeatures2, PNext = &available };
            vk.GetPhysicalDeviceFeatures2(physical, &features);
            vk.GetPhysicalDeviceProperties(physical, out var properties);
            bool vulkan12 = properties.ApiVersion >= Vk.Version12;
            bool timeline = vulkan12 && available.TimelineSemaphore;
            bool float16 = vulkan12 && available.ShaderFloat16;
            var device = CreateDevice(vk, physical, family, extensions, timeline, float16, vulkan12);
            return new EngineDevice(vk, instance, physical, device, family, extensions, timeline, float16);
        }
        catch
        {
            vk.DestroyInstance(instance, null);
            throw;
        }
    }

    /// <summary>The frame's command buffer, reset and begun.</summary>
    public CommandBuffer BeginCommands()
    {
        Check(Vk.ResetCommandBuffer(commands, 0), "vkResetCommandBuffer");
        var begin = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        Check(Vk.BeginCommandBuffer(commands, &begin), "vkBeginCommandBuffer");
        return commands;
    }

    /// <summary>Ends and submits the command buffer, then waits for it (an engine would keep frames in flight with fences).</summary>
    public void Submit(CommandBuffer buffer) => Submit(buffer, default);

    /// <summary>
    /// Ends and submits the command buffer with the upscaler's timeline wait and signal added (nothing when they are
    /// empty), then waits for it. An engine adds them beside its own semaphores (swapchain image, render finished).
    /// </summary>
    public void Submit(CommandBuffer buffer, VulkanDispatchSemaphores upscaler)
    {
        Check(Vk.EndCommandBuffer(buffer), "vkEndCommandBuffer");
        var wait = new Semaphore(upscaler.WaitSemaphore);
        var signal = new Semaphore(upscaler.SignalSemaphore);
        ulong waitValue = upscaler.WaitValue, signalValue = upscaler.SignalValue;
        var waitStage = upscaler.WaitStage;
        uint waits = upscaler.WaitSemaphore == 0 ? 0u : 1u, signals = upscaler.SignalSemaphore == 0 ? 0u : 1u;
        var values = new TimelineSemaphoreSubmitInfo
        {
            SType = StructureType.TimelineSemaphoreSubmitInfo,
            WaitSemaphoreValueCount = waits, PWaitSemaphoreValues = &waitValue,
            SignalSemaphoreValueCount = signals, PSignalSemaphoreValues = &signalValue,
        };
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo, PNext = upscaler.IsEmpty ? null : &values,
            WaitSemaphoreCount = waits, PWaitSemaphores = &wait, PWaitDstStageMask = &waitStage,
            CommandBufferCount = 1, PCommandBuffers = &buffer,
            SignalSemaphoreCount = signals, PSignalSemaphores = &signal,
        };
        Check(Vk.QueueSubmit(Queue, 1, &submit, fence), "vkQueueSubmit");
        var waited = fence;
        Check(Vk.WaitForFences(Device, 1, &waited, true, ulong.MaxValue), "vkWaitForFences");
        Check(Vk.ResetFences(Device, 1, &waited), "vkResetFences");
    }

    public void WaitIdle() => Check(Vk.DeviceWaitIdle(Device), "vkDeviceWaitIdle");

    public uint MemoryType(uint typeBits, MemoryPropertyFlags flags)
    {
        Vk.GetPhysicalDeviceMemoryProperties(PhysicalDevice, out var memory);
        for (int i = 0; i < memory.MemoryTypeCount; i++)
            if ((typeBits & (1u << i)) != 0 && (memory.MemoryTypes[i].PropertyFlags & flags) == flags) return (uint)i;
        throw new InvalidOperationException($"The device has no memory type with {flags}.");
    }

    public static void Check(Result result, string call)
    {
        if (result != Result.Success) throw new InvalidOperationException($"{call} failed: {result}.");
    }

    public void Dispose()
    {
        Vk.DeviceWaitIdle(Device);
        Vk.DestroyFence(Device, fence, null);
        Vk.DestroyCommandPool(Device, pool, null);
        Vk.DestroyDevice(Device, null);
        Vk.DestroyInstance(Instance, null);
    }

    private static Instance CreateInstance(Vk vk, IReadOnlyList<string> extensions)
    {
        var name = (byte*)SilkMarshal.StringToPtr("GdpoRealtime engine-integration sample");
        var names = (byte**)SilkMarshal.StringArrayToPtr(extensions.ToArray());
        try
        {
            var application = new ApplicationInfo
            {
                SType = StructureType.ApplicationInfo, PApplicationName = name, PEngineName = name,
                ApplicationVersion = new Version32(1, 0, 0), ApiVersion = Vk.Version12,
            };
            var info = new InstanceCreateInfo
            {
                SType = StructureType.InstanceCreateInfo, PApplicationInfo = &application,
                EnabledExtensionCount = (uint)extensions.Count, PpEnabledExtensionNames = names,
            };
            Check(vk.CreateInstance(&info, null, out var instance), "vkCreateInstance (is a Vulkan driver installed? lavapipe: apt-get install mesa-vulkan-drivers)");
            return instance;
        }
        finally
        {
            SilkMarshal.Free((nint)name);
            SilkMarshal.Free((nint)names);
        }
    }

    private static (PhysicalDevice Device, uint Family) ChooseDevice(Vk vk, Instance instance)
    {
        var candidates = new List<(PhysicalDevice Device, uint Family, int Rank)>();
        foreach (var device in vk.GetPhysicalDevices(instance))
        {
            vk.GetPhysicalDeviceProperties(device, out var properties);
            uint count = 0;
            vk.GetPhysicalDeviceQueueFamilyProperties(device, &count, null);
            var families = new QueueFamilyProperties[count];
            fixed (QueueFamilyProperties* pointer = families) vk.GetPhysicalDeviceQueueFamilyProperties(device, &count, pointer);
            int family = Array.FindIndex(families, f => f.QueueFlags.HasFlag(QueueFlags.GraphicsBit));
            if (family < 0) continue;
            int rank = properties.DeviceType switch
            {
                PhysicalDeviceType.DiscreteGpu => 0,
                PhysicalDeviceType.IntegratedGpu => 1,
                PhysicalDeviceType.VirtualGpu => 2,
                _ => 3,
            };
            candidates.Add((device, (uint)family, rank));
        }
        if (candidates.Count == 0)
            throw new InvalidOperationException("No Vulkan device with a graphics queue (install a GPU driver, or lavapipe: apt-get install mesa-vulkan-drivers).");
        var chosen = candidates.OrderBy(c => c.Rank).First();
        return (chosen.Device, chosen.Family);
    }

    private static Device CreateDevice(Vk vk, PhysicalDevice physical, uint family, IReadOnlyList<string> extensions, bool timeline, bool float16,
        bool vulkan12)
    {
        float priority = 1f;
        var queue = new DeviceQueueCreateInfo
        {
            SType = StructureType.DeviceQueueCreateInfo, QueueFamilyIndex = family, QueueCount = 1, PQueuePriorities = &priority,
        };
        var enabled = new PhysicalDeviceVulkan12Features
        {
            SType = StructureType.PhysicalDeviceVulkan12Features, TimelineSemaphore = timeline, ShaderFloat16 = float16,
        };
        var names = (byte**)SilkMarshal.StringArrayToPtr(extensions.ToArray());
        try
        {
            var info = new DeviceCreateInfo
            {
                SType = StructureType.DeviceCreateInfo, PNext = vulkan12 ? &enabled : null,
                QueueCreateInfoCount = 1, PQueueCreateInfos = &queue,
                EnabledExtensionCount = (uint)extensions.Count, PpEnabledExtensionNames = names,
            };
            Check(vk.CreateDevice(physical, &info, null, out var device), "vkCreateDevice");
            return device;
        }
        finally
        {
            SilkMarshal.Free((nint)names);
        }
    }

    private static List<string> Offered(HashSet<string> offered, IReadOnlyList<string> wanted) => wanted.Where(offered.Contains).Distinct().ToList();

    private static HashSet<string> InstanceExtensionNames(Vk vk)
    {
        uint count = 0;
        vk.EnumerateInstanceExtensionProperties((byte*)null, &count, null);
        var properties = new ExtensionProperties[count];
        fixed (ExtensionProperties* pointer = properties) vk.EnumerateInstanceExtensionProperties((byte*)null, &count, pointer);
        return properties.Select(ExtensionName).ToHashSet();
    }

    private static HashSet<string> DeviceExtensionNames(Vk vk, PhysicalDevice device)
    {
        uint count = 0;
        vk.EnumerateDeviceExtensionProperties(device, (byte*)null, &count, null);
        var properties = new ExtensionProperties[count];
        fixed (ExtensionProperties* pointer = properties) vk.EnumerateDeviceExtensionProperties(device, (byte*)null, &count, pointer);
        return properties.Select(ExtensionName).ToHashSet();
    }

    private static string ExtensionName(ExtensionProperties properties) => SilkMarshal.PtrToString((nint)properties.ExtensionName) ?? "";
}
