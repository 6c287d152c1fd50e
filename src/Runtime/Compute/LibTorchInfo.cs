namespace GdpoRealtime.Runtime.Compute;

/// <summary>What libtorch says about itself and this CPU, for bug reports (the doctor command) and tests. Loads the CPU libtorch if needed.</summary>
public static class LibTorchInfo
{
    /// <summary>Whether libtorch would consult NNPACK for a convolution (false once <see cref="TorchDevices"/> has set it up); null when unknown.</summary>
    public static bool? NnpackEnabled => Loaded(LibTorchNative.NnpackEnabled);

    /// <summary>NNPACK's own verdict on this CPU: "supported", "unsupported hardware" (the cause of libtorch's NNPACK warning), or another status.</summary>
    public static string NnpackHardware => Loaded(LibTorchNative.NnpackInitializeStatus) switch
    {
        null => "unknown",
        0 => "supported",
        51 => "unsupported hardware",
        int status => $"status {status}",
    };

    /// <summary>The vector width of ATen's own kernels on this CPU ("AVX512", "AVX2", "DEFAULT").</summary>
    public static string CpuCapability => Loaded(LibTorchNative.CpuCapability) ?? "unknown";

    public static string OneDnnVersion => Loaded(LibTorchNative.OneDnnVersion) ?? "unknown";

    /// <summary>How libtorch was built (torch.__config__.show()).</summary>
    public static string BuildConfiguration => Loaded(LibTorchNative.ShowConfig) ?? "unknown";

    /// <summary>Threads, OpenMP and MKL settings (torch.__config__.parallel_info()).</summary>
    public static string ParallelInfo => Loaded(LibTorchNative.ParallelInfo) ?? "unknown";

    private static T Loaded<T>(Func<T> read)
    {
        if (TorchDevices.Selected is null) TorchDevices.EnsureCpu();
        return read();
    }
}
