using System.Runtime.InteropServices;
using System.Text;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.Compute;

/// <summary>
/// Says why libtorch did not load, for a program that references this library as a package: TorchSharp's own message
/// ("doesn't contain a reference to libtorch-cpu-linux-x64") is given both when the program carries no libtorch and when
/// it does but Debian 12's libstdc++ is too old for TorchSharp's glue library, and it names neither the package version
/// nor the fix of the second case.
/// </summary>
internal static class LibTorchLoadFailure
{
    /// <summary>The libtorch TorchSharp 0.107 is built for, as NuGet packages name it.</summary>
    public const string CpuPackage = "libtorch-cpu-linux-x64";
    public const string Version = "2.10.0";

    private const string RequiredLibStdCxx = "GLIBCXX_3.4.32";

    private static readonly string[] LibStdCxxCandidates =
        { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" };

    public static ComputeSetupException Explain(Exception error)
    {
        bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        return Explain(error, windows, CarriesLibTorch(windows), !windows && SystemLibStdCxxLacks(RequiredLibStdCxx));
    }

    /// <summary>The explanation for what was found: whether the program carries libtorch, and whether the system's libstdc++ is too old.</summary>
    internal static ComputeSetupException Explain(Exception error, bool windows, bool carriesLibTorch, bool libStdCxxTooOld)
    {
        // TorchSharp reports through its type initializer: its own message is the inner one.
        var reported = error is TypeInitializationException { InnerException: { } inner } ? inner : error;
        string first = reported.Message.Split('\n', 2)[0].Trim();
        if (!carriesLibTorch)
            return new ComputeSetupException(
                $"libtorch could not be loaded: this program carries no libtorch ({first})",
                windows
                    ? "Add the TorchSharp-cuda-windows (CUDA) or libtorch-cpu-win-x64 (CPU) package, version matching TorchSharp 0.107 (LibTorch 2.10), to the program's project. VulkanUpscaler's vulkan-compute backend needs no libtorch."
                    : $"Add the {CpuPackage} package, version {Version}, to the program's project (or set {TorchDevices.TorchLibDirVariable} to a CUDA libtorch 2.10 directory). VulkanUpscaler's vulkan-compute backend needs no libtorch.",
                error);
        if (libStdCxxTooOld)
            return new ComputeSetupException(
                $"libtorch could not be loaded: TorchSharp's libLibTorchSharp.so asks for {RequiredLibStdCxx}, which this system's libstdc++ lacks ({first})",
                "Build or publish the program with 'dotnet build' or 'dotnet publish' and a reference to the GdpoRealtime.Runtime package: its build step marks that requirement weak in the copy in the output folder (a copy made any other way misses it). Or install a libstdc++ of GCC 13 or later.",
                error);
        return new ComputeSetupException(
            $"libtorch could not be loaded ({first})",
            "'ldd' on libLibTorchSharp.so in the program's folder (runtimes/linux-x64/native) names the system library it misses; the libtorch package must be version 2.10 for TorchSharp 0.107.",
            error);
    }

    /// <summary>Whether libtorch's main library is beside the program, flat or under runtimes/RID/native.</summary>
    private static bool CarriesLibTorch(bool windows)
    {
        string name = windows ? "torch_cpu.dll" : "libtorch_cpu.so";
        string rid = RuntimeInformation.RuntimeIdentifier.Contains("arm64", StringComparison.Ordinal) ? (windows ? "win-arm64" : "linux-arm64")
            : windows ? "win-x64" : "linux-x64";
        string folder = AppContext.BaseDirectory;
        return File.Exists(Path.Combine(folder, name)) || File.Exists(Path.Combine(folder, "runtimes", rid, "native", name));
    }

    private static bool SystemLibStdCxxLacks(string version)
    {
        foreach (var candidate in LibStdCxxCandidates)
        {
            if (!File.Exists(candidate)) continue;
            try
            {
                return File.ReadAllBytes(candidate).AsSpan().IndexOf(Encoding.ASCII.GetBytes(version + "\0")) < 0;
            }
            catch (IOException)
            {
                return false;
            }
        }
        return false;
    }
}
