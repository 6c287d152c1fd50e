using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Tests.Support;

/// <summary>Engine-side images for the upscaler tests: made, filled and read back through the shared test device.</summary>
public static class VulkanFrames
{
    public const ImageUsageFlags InputUsage = ImageUsageFlags.TransferSrcBit | ImageUsageFlags.TransferDstBit | ImageUsageFlags.SampledBit;
    public const ImageUsageFlags OutputUsage = ImageUsageFlags.TransferDstBit | ImageUsageFlags.TransferSrcBit | ImageUsageFlags.SampledBit;

    public static GpuImage Image(GpuContext gpu, FrameSize size, Format format, ImageUsageFlags usage) => GpuImage.Create(gpu.Device, new GpuImageDescription
    {
        Width = (uint)size.Width,
        Height = (uint)size.Height,
        Format = format,
        Usage = usage,
    });

    /// <summary>Writes packed 4-byte pixels into the image and leaves it in <paramref name="layout"/>.</summary>
    public static void Upload(GpuContext gpu, GpuImage image, byte[] pixels, ImageLayout layout = ImageLayout.ShaderReadOnlyOptimal)
    {
        using var staging = GpuBuffer.CreateHostVisible(gpu.Device, (ulong)pixels.Length, BufferUsageFlags.TransferSrcBit);
        staging.Write<byte>(pixels);
        gpu.Commands.Run(cmd =>
        {
            ImageTransfers.CopyBufferToImage(gpu.Device.Vk, cmd, staging, image);
            image.TransitionTo(cmd, layout);
        });
    }

    /// <summary>Reads the image's packed 4-byte pixels; it ends in <paramref name="layout"/>.</summary>
    public static byte[] Download(GpuContext gpu, GpuImage image, ImageLayout layout = ImageLayout.ShaderReadOnlyOptimal)
    {
        using var readback = GpuBuffer.CreateHostVisible(gpu.Device, (ulong)image.Width * image.Height * 4, BufferUsageFlags.TransferDstBit);
        gpu.Commands.Run(cmd =>
        {
            ImageTransfers.CopyImageToBuffer(gpu.Device.Vk, cmd, image, readback);
            image.TransitionTo(cmd, layout);
        });
        return readback.Contents.ToArray();
    }

    /// <summary>The dispatch's view of an image, in its tracked layout unless told otherwise.</summary>
    public static VulkanImageDescription Describe(GpuImage image, ImageLayout? layout = null, ImageUsageFlags? usage = null) => new()
    {
        Image = image.Handle.Handle,
        Format = image.Format,
        Size = new FrameSize((int)image.Width, (int)image.Height),
        Usage = usage ?? image.Description.Usage,
        Layout = layout ?? image.Layout,
    };
}
