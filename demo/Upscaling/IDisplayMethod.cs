using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Upscaling;

/// <summary>
/// One of the viewer's ways of making the frame it shows (<see cref="DisplayMethodKind"/>: bilinear, model or native,
/// the demo's --left/--right values): turns the frame's low-res render into an image of the output size. The viewer
/// and the headless demo only see this interface; the model's method goes through the engine runtime's upscaler (an
/// FSR2-style context dispatching on Vulkan images) as an engine would.
/// </summary>
public interface IDisplayMethod : IDisposable
{
    DisplayMethodKind Kind { get; }

    /// <summary>A short caption for panels and the viewer's labels.</summary>
    string Label { get; }

    /// <summary>
    /// Produces the output-size frame for <paramref name="frame"/> from <paramref name="lowRes"/> (its low-res
    /// render, in ShaderReadOnlyOptimal). The result belongs to the method, stays valid until its next call,
    /// and is left in ShaderReadOnlyOptimal. Work is complete when this returns (its wall time is its cost).
    /// </summary>
    GpuImage Upscale(GpuImage lowRes, FrameDescription frame);
}
