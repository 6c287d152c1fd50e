namespace GdpoRealtime.Interop.Cuda;

/// <summary>CUresult: the values this project names (cuda.h); any other is reported by number and the driver's name for it.</summary>
internal enum CudaResult
{
    Success = 0,
    InvalidValue = 1,
    OutOfMemory = 2,
    NotInitialized = 3,
    Deinitialized = 4,
    StubLibrary = 34,
    NoDevice = 100,
    InvalidDevice = 101,
    DeviceNotLicensed = 102,
    InvalidContext = 201,
    ContextAlreadyCurrent = 202,
    OperatingSystem = 304,
    InvalidHandle = 400,
    NotFound = 500,
    NotReady = 600,
    IllegalAddress = 700,
    LaunchFailed = 719,
    NotPermitted = 800,
    NotSupported = 801,
    SystemNotReady = 802,
    SystemDriverMismatch = 803,
    CompatNotSupportedOnDevice = 804,
    Unknown = 999,
}
