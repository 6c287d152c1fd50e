using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Upscaling;

/// <summary>Bilinear upscaling on the GPU (a linear-filtered blit: pixel centres aligned, filtered in linear light).</summary>
public sealed class BilinearMethod(GpuContext gpu) : IDisplayMethod
{
    private readonly OutputImage output = new(gpu);

    public DisplayMethodKind Kind => DisplayMethodKind.Bilinear;
    public string Label => "bilinear";

    public GpuImage Upscale(GpuImage lowRes, FrameDescription frame)
    {
        var target = output.For(frame.Width, frame.Height);
        gpu.Commands.Run(cmd =>
        {
            ImageTransfers.Blit(gpu.Device.Vk, cmd, lowRes, target, Filter.Linear);
            lowRes.TransitionTo(cmd, ImageLayout.ShaderReadOnlyOptimal);
            target.TransitionTo(cmd, ImageLayout.ShaderReadOnlyOptimal);
        });
        return target;
    }

    public void Dispose() => output.Dispose();
}
