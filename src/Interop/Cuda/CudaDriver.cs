using System.Runtime.InteropServices;

namespace GdpoRealtime.Interop.Cuda;

/// <summary>
/// The CUDA driver API calls the interop path needs (libcuda.so.1 / nvcuda.dll, resolved in
/// <see cref="NativeLibraries"/>), declared from cuda.h. Every call returns a <see cref="CudaResult"/> that callers
/// pass to <see cref="CudaErrors.Check"/>. Where cuda.h maps a name to a versioned symbol (#define cuMemFree
/// cuMemFree_v2 and so on) the versioned symbol is imported, since that is what a C program compiled against the
/// header calls; other functions are imported by their plain names, which every driver since their introduction
/// exports. Stream-ordered calls use the legacy default stream (see <see cref="LegacyStream"/>), never the
/// per-thread (_ptsz) variants.
/// </summary>
internal static unsafe partial class CudaDriver
{
    private const string Library = NativeLibraries.Cuda;

    /// <summary>
    /// CU_STREAM_LEGACY: the legacy default stream. PyTorch (and so TorchSharp on a CUDA libtorch) queues its kernels
    /// on the default stream of a build without per-thread default streams, which is this stream; copies and semaphore
    /// operations queued here are therefore ordered with the network's kernels without any synchronisation.
    /// </summary>
    public const nint LegacyStream = 1;

    [LibraryImport(Library, EntryPoint = "cuInit")]
    public static partial CudaResult Init(uint flags);

    [LibraryImport(Library, EntryPoint = "cuDriverGetVersion")]
    public static partial CudaResult DriverGetVersion(out int version);

    [LibraryImport(Library, EntryPoint = "cuDeviceGetCount")]
    public static partial CudaResult DeviceGetCount(out int count);

    [LibraryImport(Library, EntryPoint = "cuDeviceGet")]
    public static partial CudaResult DeviceGet(out int device, int ordinal);

    /// <summary>CUresult cuDeviceGetUuid_v2(CUuuid *uuid, CUdevice dev): 16 raw bytes, the same as Vulkan's deviceUUID.</summary>
    [LibraryImport(Library, EntryPoint = "cuDeviceGetUuid_v2")]
    public static partial CudaResult DeviceGetUuid(byte* uuid, int device);

    [LibraryImport(Library, EntryPoint = "cuDeviceGetName")]
    public static partial CudaResult DeviceGetName(byte* name, int length, int device);

    [LibraryImport(Library, EntryPoint = "cuDevicePrimaryCtxRetain")]
    public static partial CudaResult DevicePrimaryCtxRetain(out nint context, int device);

    [LibraryImport(Library, EntryPoint = "cuDevicePrimaryCtxRelease_v2")]
    public static partial CudaResult DevicePrimaryCtxRelease(int device);

    [LibraryImport(Library, EntryPoint = "cuCtxSetCurrent")]
    public static partial CudaResult CtxSetCurrent(nint context);

    [LibraryImport(Library, EntryPoint = "cuCtxSynchronize")]
    public static partial CudaResult CtxSynchronize();

    [LibraryImport(Library, EntryPoint = "cuImportExternalMemory")]
    public static partial CudaResult ImportExternalMemory(out nint memory, ExternalMemoryHandleDesc* description);

    [LibraryImport(Library, EntryPoint = "cuExternalMemoryGetMappedBuffer")]
    public static partial CudaResult ExternalMemoryGetMappedBuffer(out ulong devicePointer, nint memory, ExternalMemoryBufferDesc* description);

    [LibraryImport(Library, EntryPoint = "cuDestroyExternalMemory")]
    public static partial CudaResult DestroyExternalMemory(nint memory);

    [LibraryImport(Library, EntryPoint = "cuMemFree_v2")]
    public static partial CudaResult MemFree(ulong devicePointer);

    [LibraryImport(Library, EntryPoint = "cuImportExternalSemaphore")]
    public static partial CudaResult ImportExternalSemaphore(out nint semaphore, ExternalSemaphoreHandleDesc* description);

    [LibraryImport(Library, EntryPoint = "cuSignalExternalSemaphoresAsync")]
    public static partial CudaResult SignalExternalSemaphoresAsync(nint* semaphores, ExternalSemaphoreSignalParams* parameters, uint count, nint stream);

    [LibraryImport(Library, EntryPoint = "cuWaitExternalSemaphoresAsync")]
    public static partial CudaResult WaitExternalSemaphoresAsync(nint* semaphores, ExternalSemaphoreWaitParams* parameters, uint count, nint stream);

    [LibraryImport(Library, EntryPoint = "cuDestroyExternalSemaphore")]
    public static partial CudaResult DestroyExternalSemaphore(nint semaphore);

    [LibraryImport(Library, EntryPoint = "cuMemcpyDtoDAsync_v2")]
    public static partial CudaResult MemcpyDtoDAsync(ulong destination, ulong source, nuint bytes, nint stream);

    [LibraryImport(Library, EntryPoint = "cuMemcpyDtoH_v2")]
    public static partial CudaResult MemcpyDtoH(void* destination, ulong source, nuint bytes);

    [LibraryImport(Library, EntryPoint = "cuMemcpyHtoD_v2")]
    public static partial CudaResult MemcpyHtoD(ulong destination, void* source, nuint bytes);

    [LibraryImport(Library, EntryPoint = "cuMemsetD8Async")]
    public static partial CudaResult MemsetD8Async(ulong destination, byte value, nuint count, nint stream);

    [LibraryImport(Library, EntryPoint = "cuMemGetInfo_v2")]
    public static partial CudaResult MemGetInfo(out nuint free, out nuint total);

    [LibraryImport(Library, EntryPoint = "cuStreamSynchronize")]
    public static partial CudaResult StreamSynchronize(nint stream);

    /// <summary>cuEventCreate(CUevent*, unsigned int flags); flags 0 (CU_EVENT_DEFAULT) records timing.</summary>
    [LibraryImport(Library, EntryPoint = "cuEventCreate")]
    public static partial CudaResult EventCreate(out nint cudaEvent, uint flags);

    [LibraryImport(Library, EntryPoint = "cuEventRecord")]
    public static partial CudaResult EventRecord(nint cudaEvent, nint stream);

    [LibraryImport(Library, EntryPoint = "cuEventQuery")]
    public static partial CudaResult EventQuery(nint cudaEvent);

    [LibraryImport(Library, EntryPoint = "cuEventSynchronize")]
    public static partial CudaResult EventSynchronize(nint cudaEvent);

    [LibraryImport(Library, EntryPoint = "cuEventElapsedTime")]
    public static partial CudaResult EventElapsedTime(out float milliseconds, nint start, nint end);

    [LibraryImport(Library, EntryPoint = "cuEventDestroy_v2")]
    public static partial CudaResult EventDestroy(nint cudaEvent);

    [LibraryImport(Library, EntryPoint = "cuGetErrorName")]
    public static partial CudaResult GetErrorName(CudaResult error, out nint name);

    [LibraryImport(Library, EntryPoint = "cuGetErrorString")]
    public static partial CudaResult GetErrorString(CudaResult error, out nint description);
}
