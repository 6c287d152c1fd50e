using GdpoRealtime.Interop.Vulkan;
using System.Runtime.InteropServices;

namespace GdpoRealtime.Demo.Presentation;

/// <summary>
/// The GLFW 3.3 functions the viewer uses, imported from the system library (Debian: libglfw3). Handles
/// are passed as nint/ulong rather than Silk.NET structs so the generated marshalling stays blittable.
/// Hand-written because Silk.NET.Windowing (Silk's GLFW binding) is not served here.
/// </summary>
internal static unsafe partial class Glfw
{
    static Glfw() => GlfwLibrary.EnsureResolver();

    public const int True = 1;
    public const int ClientApi = 0x00022001;
    public const int NoApi = 0;
    public const int Resizable = 0x00020003;
    public const int Visible = 0x00020004;

    public const int Release = 0;
    public const int Press = 1;
    public const int Repeat = 2;
    public const int ModifierShift = 0x0001;
    public const int MouseButtonLeft = 0;

    [LibraryImport(GlfwLibrary.Name)]
    public static partial int glfwInit();

    [LibraryImport(GlfwLibrary.Name)]
    public static partial void glfwTerminate();

    [LibraryImport(GlfwLibrary.Name)]
    public static partial int glfwGetError(byte** description);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial void glfwWindowHint(int hint, int value);

    [LibraryImport(GlfwLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint glfwCreateWindow(int width, int height, string title, nint monitor, nint share);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial void glfwDestroyWindow(nint window);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial int glfwWindowShouldClose(nint window);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial void glfwSetWindowShouldClose(nint window, int value);

    [LibraryImport(GlfwLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void glfwSetWindowTitle(nint window, string title);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial void glfwPollEvents();

    [LibraryImport(GlfwLibrary.Name)]
    public static partial void glfwWaitEventsTimeout(double timeoutSeconds);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial void glfwGetFramebufferSize(nint window, int* width, int* height);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial void glfwGetWindowSize(nint window, int* width, int* height);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial void glfwGetCursorPos(nint window, double* x, double* y);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial int glfwVulkanSupported();

    [LibraryImport(GlfwLibrary.Name)]
    public static partial byte** glfwGetRequiredInstanceExtensions(uint* count);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial int glfwCreateWindowSurface(nint instance, nint window, nint allocator, ulong* surface);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial nint glfwSetKeyCallback(nint window, delegate* unmanaged<nint, int, int, int, int, void> callback);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial nint glfwSetMouseButtonCallback(nint window, delegate* unmanaged<nint, int, int, int, void> callback);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial nint glfwSetCursorPosCallback(nint window, delegate* unmanaged<nint, double, double, void> callback);

    [LibraryImport(GlfwLibrary.Name)]
    public static partial nint glfwSetFramebufferSizeCallback(nint window, delegate* unmanaged<nint, int, int, void> callback);

    /// <summary>GLFW's last error as "description (code 0x...)", or null when there is none.</summary>
    public static string? LastError()
    {
        byte* description = null;
        int code = glfwGetError(&description);
        if (code == 0) return null;
        string text = description == null ? "no description" : Marshal.PtrToStringUTF8((nint)description) ?? "no description";
        return $"{text} (GLFW error 0x{code:X})";
    }
}
