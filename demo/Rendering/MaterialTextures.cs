using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Rendering;

/// <summary>The material textures as one mipmapped sRGB 2D-array image (a layer per slot) and its sampler.</summary>
public sealed unsafe class MaterialTextures : IDisposable
{
    private readonly VulkanDevice device;

    public MaterialTextures(VulkanDevice device, TextureSet textures, RenderSettings settings)
    {
        this.device = device;
        uint size = (uint)textures.Size;
        Image = GpuImage.Create(device, new GpuImageDescription
        {
            Width = size,
            Height = size,
            Format = Format.R8G8B8A8Srgb,
            Usage = ImageUsageFlags.SampledBit | ImageUsageFlags.TransferDstBit | ImageUsageFlags.TransferSrcBit,
            MipLevels = GpuImageDescription.FullMipChain(size, size),
            ArrayLayers = (uint)textures.Layers.Count,
            ArrayView = true,
        });
        try
        {
            ulong layerBytes = size * size * 4;
            using var staging = GpuBuffer.CreateHostVisible(device, layerBytes * (ulong)textures.Layers.Count, BufferUsageFlags.TransferSrcBit);
            for (int i = 0; i < textures.Layers.Count; i++) staging.Write<byte>(textures.Layers[i].Pixels, layerBytes * (ulong)i);
            device.Submit(cmd =>
            {
                for (int i = 0; i < textures.Layers.Count; i++)
                    ImageTransfers.CopyBufferToImage(device.Vk, cmd, staging, Image, (uint)i, layerBytes * (ulong)i);
                ImageTransfers.GenerateMipmaps(device.Vk, cmd, Image);
            });
            Sampler = Samplers.Create(device, Filter.Linear, mipmaps: true, repeat: true, settings.MaxAnisotropy);
        }
        catch
        {
            Image.Dispose();
            throw;
        }
    }

    public GpuImage Image { get; }
    public Sampler Sampler { get; }

    public void Dispose()
    {
        device.Vk.DestroySampler(device.Handle, Sampler, null);
        Image.Dispose();
    }
}
