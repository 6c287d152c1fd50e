using System.Runtime.InteropServices;

namespace GdpoRealtime.Interop.Cuda;

/// <summary>CUexternalMemoryHandleType / CUexternalSemaphoreHandleType values and flags used here (cuda.h).</summary>
internal static class CudaHandleTypes
{
    /// <summary>CU_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD</summary>
    public const int MemoryOpaqueFd = 1;

    /// <summary>CU_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32</summary>
    public const int MemoryOpaqueWin32 = 2;

    /// <summary>CU_EXTERNAL_SEMAPHORE_HANDLE_TYPE_TIMELINE_SEMAPHORE_FD</summary>
    public const int SemaphoreTimelineFd = 9;

    /// <summary>CU_EXTERNAL_SEMAPHORE_HANDLE_TYPE_TIMELINE_SEMAPHORE_WIN32</summary>
    public const int SemaphoreTimelineWin32 = 10;

    /// <summary>CUDA_EXTERNAL_MEMORY_DEDICATED: the memory is a dedicated allocation.</summary>
    public const uint ExternalMemoryDedicated = 1;
}

// The layouts below follow cuda.h on 64-bit Linux and Windows (8-byte pointers, 8-byte alignment of unsigned long
// long); each struct's size includes its reserved words, which must be zero (a new struct is all zeros).

/// <summary>
/// CUDA_EXTERNAL_MEMORY_HANDLE_DESC (104 bytes): type (int) at 0; union handle at 8 { int fd; struct { void* handle;
/// const void* name; } win32; const void* nvSciBufObject; } (16 bytes); unsigned long long size at 24; unsigned int
/// flags at 32; unsigned int reserved[16] at 36; padded to 104.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 104)]
internal struct ExternalMemoryHandleDesc
{
    [FieldOffset(0)] public int Type;
    [FieldOffset(8)] public int Fd;
    [FieldOffset(8)] public nint Win32Handle;
    [FieldOffset(16)] public nint Win32Name;
    [FieldOffset(24)] public ulong Size;
    [FieldOffset(32)] public uint Flags;
}

/// <summary>
/// CUDA_EXTERNAL_MEMORY_BUFFER_DESC (88 bytes): unsigned long long offset at 0, size at 8; unsigned int flags at 16
/// (must be 0); unsigned int reserved[16] at 20; padded to 88.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 88)]
internal struct ExternalMemoryBufferDesc
{
    [FieldOffset(0)] public ulong Offset;
    [FieldOffset(8)] public ulong Size;
    [FieldOffset(16)] public uint Flags;
}

/// <summary>
/// CUDA_EXTERNAL_SEMAPHORE_HANDLE_DESC (96 bytes): type (int) at 0; union handle at 8 (as for memory, 16 bytes);
/// unsigned int flags at 24; unsigned int reserved[16] at 28; padded to 96.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 96)]
internal struct ExternalSemaphoreHandleDesc
{
    [FieldOffset(0)] public int Type;
    [FieldOffset(8)] public int Fd;
    [FieldOffset(8)] public nint Win32Handle;
    [FieldOffset(16)] public nint Win32Name;
    [FieldOffset(24)] public uint Flags;
}

/// <summary>
/// CUDA_EXTERNAL_SEMAPHORE_SIGNAL_PARAMS (144 bytes): params { fence { unsigned long long value } at 0; nvSciSync
/// (8) at 8; keyedMutex { unsigned long long key } at 16; unsigned int reserved[12] at 24 } (72 bytes); unsigned int
/// flags at 72; unsigned int reserved[16] at 76; padded to 144. A timeline semaphore uses params.fence.value.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 144)]
internal struct ExternalSemaphoreSignalParams
{
    [FieldOffset(0)] public ulong FenceValue;
    [FieldOffset(72)] public uint Flags;
}

/// <summary>
/// CUDA_EXTERNAL_SEMAPHORE_WAIT_PARAMS (144 bytes): params { fence { unsigned long long value } at 0; nvSciSync (8)
/// at 8; keyedMutex { unsigned long long key; unsigned int timeoutMs } at 16 (16 bytes); unsigned int reserved[10] at
/// 32 } (72 bytes); unsigned int flags at 72; unsigned int reserved[16] at 76; padded to 144.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 144)]
internal struct ExternalSemaphoreWaitParams
{
    [FieldOffset(0)] public ulong FenceValue;
    [FieldOffset(72)] public uint Flags;
}
