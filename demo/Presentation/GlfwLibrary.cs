using System.Reflection;
using System.Runtime.InteropServices;

namespace GdpoRealtime.Demo.Presentation;

/// <summary>
/// Maps the logical name "glfw" of this assembly's [LibraryImport]s to the file each operating system ships
/// (libglfw.so.3 from Debian's libglfw3, glfw3.dll on Windows, libglfw.3.dylib on macOS).
/// </summary>
internal static class GlfwLibrary
{
    public const string Name = "glfw";

    private static readonly string[] Files = OperatingSystem.IsWindows() ? new[] { "glfw3.dll", "glfw.dll" }
        : OperatingSystem.IsMacOS() ? new[] { "libglfw.3.dylib", "libglfw.dylib" }
        : new[] { "libglfw.so.3", "libglfw.so" };

    private static int registered;

    /// <summary>The file names tried, for error messages.</summary>
    public static IReadOnlyList<string> FileNames => Files;

    public static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1) return;
        NativeLibrary.SetDllImportResolver(typeof(GlfwLibrary).Assembly, Resolve);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Name) return 0;
        foreach (var file in Files)
            if (NativeLibrary.TryLoad(file, assembly, path, out nint handle)) return handle;
        return 0;
    }
}
