using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Upscaling;

/// <summary>Not an upscaler: renders the frame natively at the output size, supersampled (the ground truth to compare against).</summary>
public sealed class NativeMethod(SceneRenderer renderer) : IDisplayMethod
{
    public DisplayMethodKind Kind => DisplayMethodKind.Native;
    public string Label => $"native, {renderer.Settings.SamplesPerTruthPixel} spp";

    public GpuImage Upscale(GpuImage lowRes, FrameDescription frame) => renderer.RenderTruth(frame);

    public void Dispose()
    {
    }
}
