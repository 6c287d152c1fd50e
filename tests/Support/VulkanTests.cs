using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Interop.Vulkan;
using Microsoft.Extensions.Logging.Abstractions;

namespace GdpoRealtime.Tests.Support;

/// <summary>
/// One Vulkan device for the whole run (lavapipe on CI). Tests that need Vulkan report skipped with the
/// reason only when the machine truly has no driver, and fail instead where one must exist (CI=true,
/// whose machines install lavapipe).
/// </summary>
public static class VulkanTests
{
    private static Lazy<(GpuContext? Gpu, string? Reason)> shared = NewShared();
    private static SceneRenderer? renderer;

    public static bool OnCi => Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>The shared device, or the test is ignored (no Vulkan here) or failed (no Vulkan on CI).</summary>
    public static GpuContext Gpu => shared.Value.Gpu ?? Unavailable(shared.Value.Reason!);

    /// <summary>A renderer of the courtyard with small (128 texel) procedural textures, shared by the rendering tests.</summary>
    public static SceneRenderer Renderer => renderer ??= new SceneRenderer(Gpu, CourtyardScene.Create(), TextureSet.Procedural(128),
        new RenderSettings { TextureSize = 128 });

    /// <summary>Tests that open a window need a display: skipped without one, failed without one on CI (scripts/test.sh runs under xvfb-run).</summary>
    public static void RequireDisplay()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
            return;
        const string reason = "no display (DISPLAY is not set); run under 'xvfb-run -a', as scripts/test.sh does";
        if (OnCi) Assert.Fail(reason);
        Assert.Ignore(reason);
    }

    public static void Skip(string reason)
    {
        if (OnCi) Assert.Fail($"CI machines have lavapipe, yet Vulkan is unavailable: {reason}");
        Assert.Ignore($"No Vulkan on this machine: {reason}");
    }

    private static GpuContext Unavailable(string reason)
    {
        Skip(reason);
        throw new InvalidOperationException("unreachable");
    }

    private static Lazy<(GpuContext?, string?)> NewShared() => new(() =>
    {
        try
        {
            var gpu = GpuContext.CreateOffscreen(NullLogger.Instance);
            if (VulkanValidation.Requested && !gpu.Instance.ValidationEnabled)
            {
                gpu.Dispose();
                return (null, $"the Khronos validation layer ({VulkanValidation.LayerName}) every Vulkan test runs under is not installed ('apt-get install vulkan-validationlayers'; scripts/setup.sh does it)");
            }
            return (gpu, null);
        }
        catch (VulkanUnavailableException e)
        {
            return (null, e.Message);
        }
    });

    internal static void Release()
    {
        renderer?.Dispose();
        renderer = null;
        if (shared.IsValueCreated) shared.Value.Gpu?.Dispose();
        shared = NewShared();
    }
}
