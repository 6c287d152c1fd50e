using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Demo.Presentation;

/// <summary>
/// A GLFW window without a client API (Vulkan draws into it through a surface). Input arrives through GLFW
/// callbacks during <see cref="PollEvents"/> and is queued as <see cref="WindowEvent"/>s, so presses between
/// two slow frames are not lost. GLFW must be used from one thread: create, poll and dispose on the same one.
/// </summary>
public sealed unsafe class GlfwWindow : IDisposable
{
    private static readonly ConcurrentDictionary<nint, GlfwWindow> Open = new();
    private static readonly Lock LibraryGate = new();
    private static int libraryUsers;

    private readonly Queue<WindowEvent> events = new();
    private nint handle;

    private GlfwWindow(nint handle) => this.handle = handle;

    public nint Handle => handle;

    /// <summary>
    /// The instance extensions GLFW needs to make surfaces on this display (VK_KHR_surface and the platform's).
    /// Initialises GLFW; throws <see cref="DisplayUnavailableException"/> when there is no display or no GLFW.
    /// </summary>
    public static IReadOnlyList<string> RequiredInstanceExtensions()
    {
        AcquireLibrary();
        try
        {
            if (Glfw.glfwVulkanSupported() != Glfw.True)
                throw new DisplayUnavailableException("GLFW finds no Vulkan loader with presentation support",
                    VulkanUnavailableException.InstallFix);
            uint count;
            byte** names = Glfw.glfwGetRequiredInstanceExtensions(&count);
            if (names == null)
                throw new DisplayUnavailableException($"GLFW cannot present with Vulkan on this display ({Glfw.LastError() ?? "no reason given"})",
                    "Use --headless, or install a Vulkan driver with window-system support");
            var list = new List<string>();
            for (int i = 0; i < count; i++) list.Add(Marshal.PtrToStringUTF8((nint)names[i]) ?? "");
            return list;
        }
        finally
        {
            ReleaseLibrary();
        }
    }

    /// <summary>Opens a window of the given size (screen coordinates) without a client API.</summary>
    public static GlfwWindow Create(string title, int width, int height, bool resizable = true)
    {
        AcquireLibrary();
        try
        {
            Glfw.glfwWindowHint(Glfw.ClientApi, Glfw.NoApi);
            Glfw.glfwWindowHint(Glfw.Resizable, resizable ? 1 : 0);
            nint window = Glfw.glfwCreateWindow(width, height, title, 0, 0);
            if (window == 0)
                throw new DisplayUnavailableException($"GLFW could not open a {width}x{height} window ({Glfw.LastError() ?? "no reason given"})",
                    "Check DISPLAY, or use --headless");
            var created = new GlfwWindow(window);
            Open[window] = created;
            Glfw.glfwSetKeyCallback(window, &OnKey);
            Glfw.glfwSetMouseButtonCallback(window, &OnMouseButton);
            Glfw.glfwSetCursorPosCallback(window, &OnCursor);
            return created;
        }
        catch
        {
            ReleaseLibrary();
            throw;
        }
    }

    /// <summary>Makes a Vulkan surface for this window; the caller destroys it with <see cref="KhrSurface.DestroySurface"/>.</summary>
    public SurfaceKHR CreateSurface(VulkanInstance instance)
    {
        ulong surface;
        int result = Glfw.glfwCreateWindowSurface(instance.Handle.Handle, handle, 0, &surface);
        if (result != 0) throw new VulkanException("glfwCreateWindowSurface", (Result)result);
        return new SurfaceKHR(surface);
    }

    public bool ShouldClose => Glfw.glfwWindowShouldClose(handle) != 0;

    public void RequestClose() => Glfw.glfwSetWindowShouldClose(handle, 1);

    public string Title
    {
        set => Glfw.glfwSetWindowTitle(handle, value);
    }

    /// <summary>The drawable size in pixels (differs from the window size on high-DPI screens).</summary>
    public (int Width, int Height) FramebufferSize
    {
        get
        {
            int width, height;
            Glfw.glfwGetFramebufferSize(handle, &width, &height);
            return (width, height);
        }
    }

    /// <summary>Processes pending window-system events, running the input callbacks.</summary>
    public void PollEvents() => Glfw.glfwPollEvents();

    /// <summary>Waits up to <paramref name="seconds"/> for an event (used while minimised), then processes events.</summary>
    public void WaitEvents(double seconds) => Glfw.glfwWaitEventsTimeout(seconds);

    /// <summary>The events queued since the last call, oldest first.</summary>
    public IReadOnlyList<WindowEvent> DrainEvents()
    {
        var drained = events.ToList();
        events.Clear();
        return drained;
    }

    /// <summary>Queues an event as if the user had caused it (for scripted runs and tests).</summary>
    public void Inject(WindowEvent windowEvent) => events.Enqueue(windowEvent);

    private (double X, double Y) ToFramebuffer(double x, double y)
    {
        // Cursor positions come in screen coordinates; scale them to framebuffer pixels (they differ on high-DPI screens).
        int windowWidth, windowHeight;
        Glfw.glfwGetWindowSize(handle, &windowWidth, &windowHeight);
        var (fbWidth, fbHeight) = FramebufferSize;
        double sx = windowWidth > 0 ? fbWidth / (double)windowWidth : 1, sy = windowHeight > 0 ? fbHeight / (double)windowHeight : 1;
        return (x * sx, y * sy);
    }

    [UnmanagedCallersOnly]
    private static void OnKey(nint window, int key, int scancode, int action, int mods)
    {
        if (action == Glfw.Release || !Open.TryGetValue(window, out var target)) return;
        target.events.Enqueue(new KeyPressed(key, (mods & Glfw.ModifierShift) != 0, action == Glfw.Repeat));
    }

    [UnmanagedCallersOnly]
    private static void OnMouseButton(nint window, int button, int action, int mods)
    {
        if (button != Glfw.MouseButtonLeft || !Open.TryGetValue(window, out var target)) return;
        double x, y;
        Glfw.glfwGetCursorPos(window, &x, &y);
        var (fx, fy) = target.ToFramebuffer(x, y);
        target.events.Enqueue(new MouseButtonChanged(action == Glfw.Press, fx, fy));
    }

    [UnmanagedCallersOnly]
    private static void OnCursor(nint window, double x, double y)
    {
        if (!Open.TryGetValue(window, out var target)) return;
        var (fx, fy) = target.ToFramebuffer(x, y);
        target.events.Enqueue(new CursorMoved(fx, fy));
    }

    private static void AcquireLibrary()
    {
        lock (LibraryGate)
        {
            if (libraryUsers == 0)
            {
                bool display = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
                    || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
                    || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
                if (!display)
                    throw new DisplayUnavailableException("There is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)",
                        "Run on a desktop, under 'xvfb-run -a', or use --headless");
                int ok;
                try { ok = Glfw.glfwInit(); }
                catch (DllNotFoundException e)
                {
                    throw new DisplayUnavailableException(
                        $"The GLFW library ({string.Join(" or ", GlfwLibrary.FileNames)}) is not installed",
                        "Install it ('sudo apt-get install libglfw3' on Debian or Ubuntu; scripts/setup.sh does it), or use --headless", e);
                }
                if (ok != Glfw.True)
                    throw new DisplayUnavailableException($"GLFW could not start ({Glfw.LastError() ?? "no reason given"})",
                        "Check that the display in DISPLAY is reachable, or use --headless");
            }
            libraryUsers++;
        }
    }

    private static void ReleaseLibrary()
    {
        lock (LibraryGate)
        {
            if (--libraryUsers == 0) Glfw.glfwTerminate();
        }
    }

    public void Dispose()
    {
        if (handle == 0) return;
        Open.TryRemove(handle, out _);
        Glfw.glfwDestroyWindow(handle);
        handle = 0;
        ReleaseLibrary();
    }
}
