using System.Reflection;
using System.Runtime.InteropServices;

namespace GdpoRealtime.Interop;

/// <summary>
/// The one place that maps the logical native library names used by [LibraryImport] in this assembly to
/// the file names each operating system ships (the CUDA driver: libcuda.so.1 from the NVIDIA driver, nvcuda.dll on
/// Windows). Only the versioned name of libcuda is tried: the unversioned libcuda.so is a development symlink that
/// driver installs often lack.
/// </summary>
internal static class NativeLibraries
{
    public const string Cuda = "cuda";

    private static readonly Dictionary<string, string[]> Candidates = new(StringComparer.Ordinal)
    {
        [Cuda] = OperatingSystem.IsWindows() ? new[] { "nvcuda.dll" } : new[] { "libcuda.so.1" },
    };

    private static int registered;

    public static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1) return;
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
    }

    /// <summary>The file names tried for a logical library name, for error messages.</summary>
    public static IReadOnlyList<string> FileNames(string name) => Candidates.TryGetValue(name, out var files) ? files : new[] { name };

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (!Candidates.TryGetValue(name, out var files)) return 0;
        foreach (var file in files)
            if (NativeLibrary.TryLoad(file, assembly, path, out nint handle)) return handle;
        return 0;
    }
}
