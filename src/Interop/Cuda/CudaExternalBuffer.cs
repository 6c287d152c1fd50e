using Microsoft.Win32.SafeHandles;

namespace GdpoRealtime.Interop.Cuda;

/// <summary>
/// Vulkan memory imported into CUDA and mapped as a linear device buffer at offset 0. Handle ownership follows
/// CUDA's rules: a file descriptor belongs to CUDA once imported (and is closed here if the import fails); a Win32
/// handle stays the caller's and is closed here after the import either way. Dispose frees the mapping
/// (cuMemFree, as cuExternalMemoryGetMappedBuffer requires) and then the imported memory; the caller must have
/// waited for the stream work that uses it.
/// </summary>
public sealed unsafe class CudaExternalBuffer : IDisposable
{
    private readonly CudaDevice device;
    private nint memory;
    private bool disposed;

    private CudaExternalBuffer(CudaDevice device, nint memory, ulong pointer, ulong size)
    {
        this.device = device;
        this.memory = memory;
        DevicePointer = pointer;
        Size = size;
    }

    /// <summary>The buffer's CUDA device address.</summary>
    public ulong DevicePointer { get; }

    public ulong Size { get; }

    /// <summary>Imports an opaque POSIX file descriptor from vkGetMemoryFdKHR; CUDA owns it afterwards.</summary>
    /// <param name="allocationSize">VkMemoryAllocateInfo.allocationSize of the exported memory (not the buffer size).</param>
    /// <param name="dedicated">Whether the memory was a dedicated allocation (VkMemoryDedicatedAllocateInfo).</param>
    public static CudaExternalBuffer ImportOpaqueFd(CudaDevice device, int fd, ulong allocationSize, ulong bufferSize, bool dedicated)
    {
        var description = new ExternalMemoryHandleDesc
        {
            Type = CudaHandleTypes.MemoryOpaqueFd,
            Fd = fd,
            Size = allocationSize,
            Flags = dedicated ? CudaHandleTypes.ExternalMemoryDedicated : 0,
        };
        bool imported = false;
        try
        {
            var buffer = Import(device, &description, bufferSize, out imported);
            return buffer;
        }
        finally
        {
            // Ownership passes to CUDA only when cuImportExternalMemory succeeds.
            if (!imported) CloseHandle(fd);
        }
    }

    /// <summary>Imports an opaque NT handle from vkGetMemoryWin32HandleKHR; the handle is closed afterwards (CUDA does not take it).</summary>
    public static CudaExternalBuffer ImportOpaqueWin32(CudaDevice device, nint handle, ulong allocationSize, ulong bufferSize, bool dedicated)
    {
        var description = new ExternalMemoryHandleDesc
        {
            Type = CudaHandleTypes.MemoryOpaqueWin32,
            Win32Handle = handle,
            Size = allocationSize,
            Flags = dedicated ? CudaHandleTypes.ExternalMemoryDedicated : 0,
        };
        try
        {
            return Import(device, &description, bufferSize, out _);
        }
        finally
        {
            CloseHandle(handle);
        }
    }

    private static CudaExternalBuffer Import(CudaDevice device, ExternalMemoryHandleDesc* description, ulong bufferSize, out bool imported)
    {
        imported = false;
        if (bufferSize == 0 || bufferSize > description->Size)
            throw new ArgumentOutOfRangeException(nameof(bufferSize), $"A {bufferSize}-byte buffer does not fit a {description->Size}-byte allocation.");
        device.MakeCurrent();
        CudaDriver.ImportExternalMemory(out nint memory, description).Check("cuImportExternalMemory");
        imported = true;
        try
        {
            var buffer = new ExternalMemoryBufferDesc { Offset = 0, Size = bufferSize, Flags = 0 };
            CudaDriver.ExternalMemoryGetMappedBuffer(out ulong pointer, memory, &buffer).Check("cuExternalMemoryGetMappedBuffer");
            return new CudaExternalBuffer(device, memory, pointer, bufferSize);
        }
        catch
        {
            CudaDriver.DestroyExternalMemory(memory);
            throw;
        }
    }

    private static void CloseHandle(nint value)
    {
        using var handle = new SafeFileHandle(value, ownsHandle: true);
    }

    /// <summary>Queues a device-to-device copy of <paramref name="bytes"/> from this buffer to a CUDA address (a tensor's storage) on the legacy stream.</summary>
    public void CopyTo(ulong destination, ulong bytes)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (bytes > Size) throw new ArgumentOutOfRangeException(nameof(bytes), $"{bytes} bytes exceed the {Size}-byte buffer.");
        CudaDriver.MemcpyDtoDAsync(destination, DevicePointer, (nuint)bytes, CudaDriver.LegacyStream).Check("cuMemcpyDtoDAsync_v2");
    }

    /// <summary>Queues a device-to-device copy of <paramref name="bytes"/> from a CUDA address into this buffer on the legacy stream.</summary>
    public void CopyFrom(ulong source, ulong bytes)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (bytes > Size) throw new ArgumentOutOfRangeException(nameof(bytes), $"{bytes} bytes exceed the {Size}-byte buffer.");
        CudaDriver.MemcpyDtoDAsync(DevicePointer, source, (nuint)bytes, CudaDriver.LegacyStream).Check("cuMemcpyDtoDAsync_v2");
    }

    /// <summary>Synchronous read through host memory (tests that check bytes); ordered after the legacy stream's work.</summary>
    public void Read(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if ((ulong)destination.Length > Size) throw new ArgumentOutOfRangeException(nameof(destination), $"{destination.Length} bytes exceed the {Size}-byte buffer.");
        device.MakeCurrent();
        fixed (byte* target = destination) CudaDriver.MemcpyDtoH(target, DevicePointer, (nuint)destination.Length).Check("cuMemcpyDtoH_v2");
    }

    /// <summary>Synchronous write through host memory (tests that check bytes).</summary>
    public void Write(ReadOnlySpan<byte> source)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if ((ulong)source.Length > Size) throw new ArgumentOutOfRangeException(nameof(source), $"{source.Length} bytes exceed the {Size}-byte buffer.");
        device.MakeCurrent();
        fixed (byte* data = source) CudaDriver.MemcpyHtoD(DevicePointer, data, (nuint)source.Length).Check("cuMemcpyHtoD_v2");
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        device.MakeCurrent();
        var freed = CudaDriver.MemFree(DevicePointer);
        var destroyed = CudaDriver.DestroyExternalMemory(memory);
        memory = 0;
        freed.Check("cuMemFree_v2 (mapped external buffer)");
        destroyed.Check("cuDestroyExternalMemory");
    }
}
