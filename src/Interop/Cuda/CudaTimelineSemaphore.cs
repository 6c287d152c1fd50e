using Microsoft.Win32.SafeHandles;

namespace GdpoRealtime.Interop.Cuda;

/// <summary>
/// A Vulkan timeline semaphore imported into CUDA: CUDA queues waits for values Vulkan signals ("input ready") and
/// signals values Vulkan waits for ("output ready"), both on the legacy stream, so the CPU never waits. Handle
/// ownership follows CUDA's rules as for <see cref="CudaExternalBuffer"/>.
/// </summary>
public sealed unsafe class CudaTimelineSemaphore : IDisposable
{
    private readonly CudaDevice device;
    private nint semaphore;
    private bool disposed;

    private CudaTimelineSemaphore(CudaDevice device, nint semaphore)
    {
        this.device = device;
        this.semaphore = semaphore;
    }

    /// <summary>Imports an opaque POSIX file descriptor from vkGetSemaphoreFdKHR; CUDA owns it afterwards (it is closed here if the import fails).</summary>
    public static CudaTimelineSemaphore ImportOpaqueFd(CudaDevice device, int fd)
    {
        var description = new ExternalSemaphoreHandleDesc { Type = CudaHandleTypes.SemaphoreTimelineFd, Fd = fd };
        device.MakeCurrent();
        var result = CudaDriver.ImportExternalSemaphore(out nint semaphore, &description);
        if (result != CudaResult.Success) CloseHandle(fd);
        result.Check("cuImportExternalSemaphore (timeline fd)");
        return new CudaTimelineSemaphore(device, semaphore);
    }

    /// <summary>Imports an opaque NT handle from vkGetSemaphoreWin32HandleKHR; the handle is closed afterwards (CUDA does not take it).</summary>
    public static CudaTimelineSemaphore ImportOpaqueWin32(CudaDevice device, nint handle)
    {
        var description = new ExternalSemaphoreHandleDesc { Type = CudaHandleTypes.SemaphoreTimelineWin32, Win32Handle = handle };
        device.MakeCurrent();
        var result = CudaDriver.ImportExternalSemaphore(out nint semaphore, &description);
        CloseHandle(handle);
        result.Check("cuImportExternalSemaphore (timeline Win32 handle)");
        return new CudaTimelineSemaphore(device, semaphore);
    }

    /// <summary>Queues a wait until the semaphore reaches <paramref name="value"/>; later work on the legacy stream waits with it.</summary>
    public void QueueWait(ulong value)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var parameters = new ExternalSemaphoreWaitParams { FenceValue = value };
        nint handle = semaphore;
        CudaDriver.WaitExternalSemaphoresAsync(&handle, &parameters, 1, CudaDriver.LegacyStream).Check("cuWaitExternalSemaphoresAsync");
    }

    /// <summary>Queues a signal of <paramref name="value"/> after the work already on the legacy stream.</summary>
    public void QueueSignal(ulong value)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var parameters = new ExternalSemaphoreSignalParams { FenceValue = value };
        nint handle = semaphore;
        CudaDriver.SignalExternalSemaphoresAsync(&handle, &parameters, 1, CudaDriver.LegacyStream).Check("cuSignalExternalSemaphoresAsync");
    }

    private static void CloseHandle(nint value)
    {
        using var handle = new SafeFileHandle(value, ownsHandle: true);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        device.MakeCurrent();
        var result = CudaDriver.DestroyExternalSemaphore(semaphore);
        semaphore = 0;
        result.Check("cuDestroyExternalSemaphore");
    }
}
