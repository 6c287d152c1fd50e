using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace GdpoRealtime.Interop.Vulkan.External;

/// <summary>
/// A Vulkan 1.2 timeline semaphore: a 64-bit counter that queues (and CUDA, once imported) signal and wait on by
/// value, so one object orders a whole stream of frames. Optionally exportable as this OS's handle.
/// </summary>
public sealed unsafe class TimelineSemaphore : IDisposable
{
    private readonly VulkanDevice device;
    private bool disposed;

    private TimelineSemaphore(VulkanDevice device, Semaphore handle, bool exportable)
    {
        this.device = device;
        Handle = handle;
        Exportable = exportable;
    }

    public Semaphore Handle { get; }
    public bool Exportable { get; }

    public static TimelineSemaphore Create(VulkanDevice device, ulong initialValue = 0, bool exportable = false)
    {
        if (!device.TimelineSemaphoreEnabled)
            throw new VulkanUnavailableException($"The Vulkan device {device.Physical.Name} was created without timeline semaphores",
                "Enable the timelineSemaphore feature (VkPhysicalDeviceVulkan12Features) when creating the device");
        if (exportable && !device.EnabledExtensions.Contains(ExternalHandles.SemaphoreExportExtension))
            throw new VulkanUnavailableException($"Exporting a semaphore needs {ExternalHandles.SemaphoreExportExtension}, which the Vulkan device ({device.Physical.Name}) was created without",
                $"Enable {ExternalHandles.SemaphoreExportExtension} and {ExternalHandles.ExternalSemaphore} when creating the device, on a driver that offers them");
        var export = new ExportSemaphoreCreateInfo { SType = StructureType.ExportSemaphoreCreateInfo, HandleTypes = ExternalHandles.SemaphoreHandleType };
        var type = new SemaphoreTypeCreateInfo
        {
            SType = StructureType.SemaphoreTypeCreateInfo,
            PNext = exportable ? &export : null,
            SemaphoreType = SemaphoreType.Timeline,
            InitialValue = initialValue,
        };
        var info = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo, PNext = &type };
        Semaphore semaphore;
        device.Vk.CreateSemaphore(device.Handle, &info, null, &semaphore).Check("vkCreateSemaphore (timeline)");
        device.CountCreated();
        return new TimelineSemaphore(device, semaphore, exportable);
    }

    /// <summary>The counter's current value.</summary>
    public ulong Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            ulong value;
            device.Vk.GetSemaphoreCounterValue(device.Handle, Handle, &value).Check("vkGetSemaphoreCounterValue");
            return value;
        }
    }

    /// <summary>Blocks until the counter reaches <paramref name="value"/>; false if <paramref name="timeout"/> passes first.</summary>
    public bool Wait(ulong value, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var semaphore = Handle;
        var info = new SemaphoreWaitInfo { SType = StructureType.SemaphoreWaitInfo, SemaphoreCount = 1, PSemaphores = &semaphore, PValues = &value };
        ulong nanoseconds = timeout == Timeout.InfiniteTimeSpan ? ulong.MaxValue : (ulong)Math.Max(0, timeout.Ticks) * 100;
        var result = device.Vk.WaitSemaphores(device.Handle, &info, nanoseconds);
        if (result == Result.Timeout) return false;
        result.Check("vkWaitSemaphores");
        return true;
    }

    /// <summary>Sets the counter from the host (it must only grow).</summary>
    public void Signal(ulong value)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var info = new SemaphoreSignalInfo { SType = StructureType.SemaphoreSignalInfo, Semaphore = Handle, Value = value };
        device.Vk.SignalSemaphore(device.Handle, &info).Check("vkSignalSemaphore");
    }

    /// <summary>A new OS handle to the semaphore; the caller owns it.</summary>
    public ExportedHandle Export()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!Exportable) throw new InvalidOperationException("This timeline semaphore was created without export support.");
        return new ExternalHandleExport(device).ExportSemaphore(Handle);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        device.Vk.DestroySemaphore(device.Handle, Handle, null);
    }
}
