using System.Runtime.InteropServices;

namespace GdpoRealtime.Runtime.Compute;

/// <summary>
/// The few ATen functions TorchSharp does not wrap, called by their exported C++ names in libtorch_cpu: the NNPACK
/// switch (what torch.backends.nnpack.enabled sets) and the build and CPU descriptions PyTorch prints in
/// torch.__config__. Hand-written because no package exposes them to .NET. The C++ names follow the Itanium ABI
/// (Linux); elsewhere every call reports "unavailable". libtorch_cpu must already be loaded (TorchSharp loads it).
/// </summary>
internal static unsafe class LibTorchNative
{
    private static readonly Lazy<nint> Library = new(() =>
        OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libtorch_cpu.so", out var handle) ? handle : 0);

    private static nint Export(string name) =>
        Library.Value != 0 && NativeLibrary.TryGetExport(Library.Value, name, out var address) ? address : 0;

    /// <summary>at::globalContext().setUserEnabledNNPACK(enabled); false when the function is missing.</summary>
    public static bool SetNnpackEnabled(bool enabled)
    {
        nint context = GlobalContext();
        nint set = Export("_ZN2at7Context20setUserEnabledNNPACKEb");
        if (context == 0 || set == 0) return false;
        ((delegate* unmanaged<nint, byte, void>)set)(context, enabled ? (byte)1 : (byte)0);
        return true;
    }

    /// <summary>at::globalContext().userEnabledNNPACK(), or null when unavailable.</summary>
    public static bool? NnpackEnabled()
    {
        nint context = GlobalContext();
        nint get = Export("_ZNK2at7Context17userEnabledNNPACKEv");
        if (context == 0 || get == 0) return null;
        return ((delegate* unmanaged<nint, byte>)get)(context) != 0;
    }

    /// <summary>NNPACK's own hardware check (nnp_initialize): 0 when it would run here, 51 for "unsupported hardware"; null when unavailable.</summary>
    public static int? NnpackInitializeStatus()
    {
        nint initialize = Export("nnp_initialize");
        return initialize == 0 ? null : ((delegate* unmanaged<int>)initialize)();
    }

    /// <summary>torch.__config__.show(): how libtorch was built, its CPU capability and oneDNN version.</summary>
    public static string? ShowConfig() => CallReturningString("_ZN2at11show_configB5cxx11Ev");

    /// <summary>"AVX512", "AVX2" or "DEFAULT": the vector width ATen's own kernels use on this CPU.</summary>
    public static string? CpuCapability() => CallReturningString("_ZN2at18get_cpu_capabilityB5cxx11Ev");

    /// <summary>torch.__config__.parallel_info(): threads, OpenMP, MKL settings.</summary>
    public static string? ParallelInfo() => CallReturningString("_ZN2at17get_parallel_infoB5cxx11Ev");

    /// <summary>The oneDNN version libtorch carries.</summary>
    public static string? OneDnnVersion() => CallReturningString("_ZN2at18get_mkldnn_versionB5cxx11Ev");

    private static nint GlobalContext()
    {
        nint get = Export("_ZN2at13globalContextEv");
        return get == 0 ? 0 : ((delegate* unmanaged<nint>)get)();
    }

    /// <summary>
    /// Calls a function returning std::string by value (the caller passes the result's storage, 32 bytes in
    /// libstdc++'s layout: data pointer, length, 16-byte inline buffer), copies the text and frees a heap buffer.
    /// </summary>
    private static string? CallReturningString(string name)
    {
        nint function = Export(name);
        if (function == 0) return null;
        var storage = stackalloc nint[4];
        ((delegate* unmanaged<nint*, void>)function)(storage);
        byte* data = (byte*)storage[0];
        long length = storage[1];
        string text = Marshal.PtrToStringUTF8((nint)data, (int)length);
        if (data != (byte*)(storage + 2) && NativeLibrary.TryLoad("libstdc++.so.6", out var cxx)
            && NativeLibrary.TryGetExport(cxx, "_ZdlPv", out var delete))
            ((delegate* unmanaged<void*, void>)delete)(data);
        return text;
    }
}
