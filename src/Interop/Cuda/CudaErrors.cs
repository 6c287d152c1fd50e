using System.Runtime.InteropServices;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Interop.Cuda;

/// <summary>A failed CUDA driver call: names the call, the driver's name and description of the error, and a fix.</summary>
public sealed class CudaException : GdpoRealtimeException
{
    internal CudaException(string call, CudaResult result)
        : base($"CUDA call {call} failed with {CudaErrors.NameOf(result)} ({(int)result}: {CudaErrors.DescriptionOf(result)})", CudaErrors.FixFor(result))
    {
        Call = call;
        Code = (int)result;
    }

    public string Call { get; }

    /// <summary>The CUresult value.</summary>
    public int Code { get; }
}

internal static class CudaErrors
{
    /// <summary>Throws <see cref="CudaException"/> unless the call succeeded; checked in every build configuration.</summary>
    public static void Check(this CudaResult result, string call)
    {
        if (result != CudaResult.Success) throw new CudaException(call, result);
    }

    public static string NameOf(CudaResult result)
    {
        try
        {
            if (CudaDriver.GetErrorName(result, out nint name) == CudaResult.Success && name != 0)
                return Marshal.PtrToStringAnsi(name) ?? result.ToString();
        }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
        return Enum.IsDefined(result) ? result.ToString() : $"CUDA_ERROR_{(int)result}";
    }

    public static string DescriptionOf(CudaResult result)
    {
        try
        {
            if (CudaDriver.GetErrorString(result, out nint text) == CudaResult.Success && text != 0)
                return Marshal.PtrToStringAnsi(text) ?? "no description";
        }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
        return "no description";
    }

    public static string FixFor(CudaResult result) => result switch
    {
        CudaResult.NoDevice or CudaResult.InvalidDevice =>
            "Check 'nvidia-smi' and CUDA_VISIBLE_DEVICES, or use the host-staging backend.",
        CudaResult.StubLibrary or CudaResult.SystemDriverMismatch or CudaResult.CompatNotSupportedOnDevice or CudaResult.SystemNotReady =>
            "Install a matching NVIDIA driver (libcuda.so.1 must come from the driver, not the CUDA toolkit's stubs), or use the host-staging backend.",
        CudaResult.OutOfMemory => "The GPU is out of memory: use a smaller display size or close other GPU programs.",
        CudaResult.NotSupported or CudaResult.OperatingSystem or CudaResult.InvalidHandle =>
            "The driver cannot import this Vulkan memory or semaphore: the Vulkan device must be the NVIDIA GPU CUDA uses, with the driver's Vulkan ICD; or use the host-staging backend.",
        CudaResult.IllegalAddress or CudaResult.LaunchFailed =>
            "A GPU fault: the CUDA context is unusable; restart the program, and report it with the driver version.",
        _ => "Check 'nvidia-smi' and the driver version; the Vulkan device must be the same GPU CUDA uses.",
    };
}
