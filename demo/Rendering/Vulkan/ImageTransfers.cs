using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Demo.Rendering.Vulkan;

/// <summary>Copies between images and buffers, blits and mipmap generation, recorded into a caller's command buffer.</summary>
public static unsafe class ImageTransfers
{
    /// <summary>Bytes per pixel of the 8-bit four-channel formats this project moves between host and device.</summary>
    public static int BytesPerPixel(Format format) => format switch
    {
        Format.R8G8B8A8Unorm or Format.R8G8B8A8Srgb or Format.B8G8R8A8Unorm or Format.B8G8R8A8Srgb => 4,
        _ => throw new NotSupportedException($"Host transfers of {format} are not supported."),
    };

    /// <summary>Copies mip 0 of one layer from <paramref name="source"/> (tightly packed pixels) into the image; leaves it in TransferDstOptimal.</summary>
    public static void CopyBufferToImage(Vk vk, CommandBuffer cmd, GpuBuffer source, GpuImage image, uint layer = 0, ulong bufferOffset = 0)
    {
        image.TransitionTo(cmd, ImageLayout.TransferDstOptimal);
        var region = new BufferImageCopy
        {
            BufferOffset = bufferOffset,
            ImageSubresource = new ImageSubresourceLayers(image.Aspect, 0, layer, 1),
            ImageExtent = new Extent3D(image.Width, image.Height, 1),
        };
        vk.CmdCopyBufferToImage(cmd, source.Handle, image.Handle, ImageLayout.TransferDstOptimal, 1, &region);
    }

    /// <summary>Copies mip 0 of layer 0 into <paramref name="target"/> (tightly packed); leaves the image in TransferSrcOptimal.</summary>
    public static void CopyImageToBuffer(Vk vk, CommandBuffer cmd, GpuImage image, GpuBuffer target)
    {
        image.TransitionTo(cmd, ImageLayout.TransferSrcOptimal);
        var region = new BufferImageCopy
        {
            ImageSubresource = new ImageSubresourceLayers(image.Aspect, 0, 0, 1),
            ImageExtent = new Extent3D(image.Width, image.Height, 1),
        };
        vk.CmdCopyImageToBuffer(cmd, image.Handle, ImageLayout.TransferSrcOptimal, target.Handle, 1, &region);
        var barrier = new MemoryBarrier
        {
            SType = StructureType.MemoryBarrier,
            SrcAccessMask = AccessFlags.TransferWriteBit,
            DstAccessMask = AccessFlags.HostReadBit,
        };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 1, &barrier, 0, null, 0, null);
    }

    /// <summary>
    /// Scales mip 0 of <paramref name="source"/> onto the whole of <paramref name="target"/> with the given filter
    /// (linear: bilinear with pixel centres aligned, as texture sampling does; sRGB formats are filtered in linear light).
    /// </summary>
    public static void Blit(Vk vk, CommandBuffer cmd, GpuImage source, GpuImage target, Filter filter)
    {
        source.TransitionTo(cmd, ImageLayout.TransferSrcOptimal);
        target.TransitionTo(cmd, ImageLayout.TransferDstOptimal);
        var blit = new ImageBlit
        {
            SrcSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
            DstSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
        };
        blit.SrcOffsets[1] = new Offset3D((int)source.Width, (int)source.Height, 1);
        blit.DstOffsets[1] = new Offset3D((int)target.Width, (int)target.Height, 1);
        vk.CmdBlitImage(cmd, source.Handle, ImageLayout.TransferSrcOptimal, target.Handle, ImageLayout.TransferDstOptimal, 1, &blit, filter);
    }

    /// <summary>
    /// Fills mips 1.. of every layer by halving the previous level with a linear blit (a 2x2 box filter, in
    /// linear light for sRGB formats). Expects mip 0 written and the image in TransferDstOptimal; leaves it in ShaderReadOnlyOptimal.
    /// </summary>
    public static void GenerateMipmaps(Vk vk, CommandBuffer cmd, GpuImage image)
    {
        var d = image.Description;
        int width = (int)d.Width, height = (int)d.Height;
        for (uint level = 1; level < d.MipLevels; level++)
        {
            ImageBarriers.Transition(vk, cmd, image.Handle, ImageAspectFlags.ColorBit, ImageLayout.TransferDstOptimal,
                ImageLayout.TransferSrcOptimal, level - 1, 1, 0, d.ArrayLayers);
            int nextWidth = Math.Max(1, width / 2), nextHeight = Math.Max(1, height / 2);
            var blit = new ImageBlit
            {
                SrcSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, level - 1, 0, d.ArrayLayers),
                DstSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, level, 0, d.ArrayLayers),
            };
            blit.SrcOffsets[1] = new Offset3D(width, height, 1);
            blit.DstOffsets[1] = new Offset3D(nextWidth, nextHeight, 1);
            vk.CmdBlitImage(cmd, image.Handle, ImageLayout.TransferSrcOptimal, image.Handle, ImageLayout.TransferDstOptimal, 1, &blit, Filter.Linear);
            ImageBarriers.Transition(vk, cmd, image.Handle, ImageAspectFlags.ColorBit, ImageLayout.TransferSrcOptimal,
                ImageLayout.ShaderReadOnlyOptimal, level - 1, 1, 0, d.ArrayLayers);
            width = nextWidth;
            height = nextHeight;
        }
        ImageBarriers.Transition(vk, cmd, image.Handle, ImageAspectFlags.ColorBit, ImageLayout.TransferDstOptimal,
            ImageLayout.ShaderReadOnlyOptimal, d.MipLevels - 1, 1, 0, d.ArrayLayers);
        image.Layout = ImageLayout.ShaderReadOnlyOptimal;
    }
}
