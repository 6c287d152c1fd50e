using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Imaging;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Rendering;

/// <summary>Copies 8-bit RGBA/BGRA images between the device and <see cref="RgbImage"/>s, reusing host buffers per size.</summary>
public sealed class HostImageTransfers(GpuContext gpu) : IDisposable
{
    private readonly Dictionary<ulong, GpuBuffer> buffers = new();
    private readonly Dictionary<ulong, GpuBuffer> uploads = new();

    /// <summary>Reads mip 0 of <paramref name="image"/>; the image ends in ShaderReadOnlyOptimal again.</summary>
    public RgbImage Read(GpuImage image)
    {
        var buffer = BufferFor((ulong)image.Width * image.Height * 4);
        gpu.Commands.Run(cmd =>
        {
            ImageTransfers.CopyImageToBuffer(gpu.Device.Vk, cmd, image, buffer);
            image.TransitionTo(cmd, ImageLayout.ShaderReadOnlyOptimal);
        });
        return ToRgb(buffer.Contents, (int)image.Width, (int)image.Height, IsBgr(image.Format));
    }

    /// <summary>Writes <paramref name="image"/> into mip 0 of <paramref name="target"/> (same size, RGBA8 format); leaves it in ShaderReadOnlyOptimal.</summary>
    public void Write(RgbImage image, GpuImage target)
    {
        if (image.Width != target.Width || image.Height != target.Height)
            throw new ArgumentException($"A {image.Width}x{image.Height} image does not fit a {target.Width}x{target.Height} texture.", nameof(image));
        WriteRgba(ToRgba(image), target);
    }

    /// <summary>Writes tightly packed 4-byte pixels into mip 0 of <paramref name="target"/>; leaves it in ShaderReadOnlyOptimal.</summary>
    public void WriteRgba(ReadOnlySpan<byte> rgba, GpuImage target)
    {
        ulong bytes = (ulong)target.Width * target.Height * 4;
        if ((ulong)rgba.Length != bytes)
            throw new ArgumentException($"{rgba.Length} bytes do not fill a {target.Width}x{target.Height} RGBA texture.", nameof(rgba));
        if (!uploads.TryGetValue(bytes, out var staging))
        {
            staging = GpuBuffer.CreateHostVisible(gpu.Device, bytes, BufferUsageFlags.TransferSrcBit);
            uploads[bytes] = staging;
        }
        staging.Write(rgba);
        gpu.Commands.Run(cmd =>
        {
            ImageTransfers.CopyBufferToImage(gpu.Device.Vk, cmd, staging, target);
            target.TransitionTo(cmd, ImageLayout.ShaderReadOnlyOptimal);
        });
    }

    /// <summary>A host-visible buffer of <paramref name="bytes"/> for copies from the device, reused per size.</summary>
    public GpuBuffer BufferFor(ulong bytes)
    {
        if (!buffers.TryGetValue(bytes, out var buffer))
        {
            buffer = GpuBuffer.CreateHostVisible(gpu.Device, bytes, BufferUsageFlags.TransferDstBit, preferCached: true);
            buffers[bytes] = buffer;
        }
        return buffer;
    }

    public static bool IsBgr(Format format) => format is Format.B8G8R8A8Srgb or Format.B8G8R8A8Unorm;

    /// <summary>Drops alpha (and swaps blue and red for BGRA) from tightly packed 4-byte pixels.</summary>
    public static RgbImage ToRgb(ReadOnlySpan<byte> rgba, int width, int height, bool bgr)
    {
        var image = new RgbImage(width, height);
        var pixels = image.Pixels;
        int count = width * height;
        int r = bgr ? 2 : 0, b = bgr ? 0 : 2;
        for (int i = 0; i < count; i++)
        {
            pixels[3 * i] = rgba[4 * i + r];
            pixels[3 * i + 1] = rgba[4 * i + 1];
            pixels[3 * i + 2] = rgba[4 * i + b];
        }
        return image;
    }

    /// <summary>Adds an opaque alpha channel to RGB pixels, for uploads.</summary>
    public static byte[] ToRgba(RgbImage image)
    {
        var rgba = new byte[image.Width * image.Height * 4];
        var pixels = image.Pixels;
        for (int i = 0, j = 0; i < pixels.Length; i += 3, j += 4)
        {
            rgba[j] = pixels[i];
            rgba[j + 1] = pixels[i + 1];
            rgba[j + 2] = pixels[i + 2];
            rgba[j + 3] = 255;
        }
        return rgba;
    }

    public void Dispose()
    {
        foreach (var buffer in buffers.Values.Concat(uploads.Values)) buffer.Dispose();
        buffers.Clear();
        uploads.Clear();
    }
}
