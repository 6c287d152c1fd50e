using Microsoft.Win32.SafeHandles;

namespace GdpoRealtime.Interop.Vulkan.External;

/// <summary>
/// An OS handle exported from Vulkan memory or a semaphore: a file descriptor on Linux, an NT handle on Windows.
/// Whoever holds it owns it: importing a file descriptor into CUDA transfers ownership to CUDA, while a Win32
/// handle stays the caller's and must be closed after the import (CUDA's documented rules).
/// </summary>
public readonly record struct ExportedHandle(nint Value, bool IsFileDescriptor)
{
    /// <summary>Closes the handle (close() for a descriptor, CloseHandle() for a Win32 handle).</summary>
    public void Close()
    {
        // SafeFileHandle closes with the OS's own call: close(2) on Unix, CloseHandle on Windows.
        using var handle = new SafeFileHandle(Value, ownsHandle: true);
    }

    public override string ToString() => IsFileDescriptor ? $"fd {Value}" : $"handle 0x{Value:x}";
}
