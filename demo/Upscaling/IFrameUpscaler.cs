using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Upscaling;

/// <summary>
/// The "upscale this frame" step of the demo: turns the frame's low-res render into an image of the output
/// size. The viewer and the headless demo only see this interface, so the engine runtime's upscaler (an
/// FSR2-style context dispatching on Vulkan images) can take the place of these implementations later.
/// </summary>
public interface IFrameUpscaler : IDisposable
{
    UpscaleMode Mode { get; }

    /// <summary>A short caption for panels and the viewer's labels.</summary>
    string Label { get; }

    /// <summary>
    /// Produces the output-size frame for <paramref name="frame"/> from <paramref name="lowRes"/> (its low-res
    /// render, in ShaderReadOnlyOptimal). The result belongs to the upscaler, stays valid until its next call,
    /// and is left in ShaderReadOnlyOptimal. Work is complete when this returns (its wall time is its cost).
    /// </summary>
    GpuImage Upscale(GpuImage lowRes, FrameDescription frame);
}
