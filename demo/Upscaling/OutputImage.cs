using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Upscaling;

/// <summary>An output-size sRGB image a display method writes, re-made when the size changes.</summary>
internal sealed class OutputImage(GpuContext gpu) : IDisposable
{
    private GpuImage? image;

    public GpuImage For(int width, int height)
    {
        if (image is not null && image.Width == width && image.Height == height) return image;
        image?.Dispose();
        image = GpuImage.Create(gpu.Device, new GpuImageDescription
        {
            Width = (uint)width,
            Height = (uint)height,
            Format = ScenePipelines.ColorFormat,
            Usage = ImageUsageFlags.SampledBit | ImageUsageFlags.TransferDstBit | ImageUsageFlags.TransferSrcBit,
        });
        return image;
    }

    public void Dispose()
    {
        image?.Dispose();
        image = null;
    }
}
