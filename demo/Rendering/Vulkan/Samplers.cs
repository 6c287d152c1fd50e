using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Demo.Rendering.Vulkan;

/// <summary>Sampler creation.</summary>
public static unsafe class Samplers
{
    /// <param name="filter">Minification and magnification filter.</param>
    /// <param name="mipmaps">Linear blending between mip levels (trilinear) when true, the nearest level otherwise.</param>
    /// <param name="repeat">Wrap texture coordinates (tiling); clamp to edge otherwise.</param>
    /// <param name="maxAnisotropy">Above 1 enables anisotropic filtering (the device feature must be on).</param>
    /// <param name="mipLodBias">Added to the computed level of detail (negative: sharper).</param>
    public static Sampler Create(VulkanDevice device, Filter filter, bool mipmaps, bool repeat, float maxAnisotropy = 1, float mipLodBias = 0)
    {
        var address = repeat ? SamplerAddressMode.Repeat : SamplerAddressMode.ClampToEdge;
        bool anisotropy = maxAnisotropy > 1 && device.EnabledFeatures.SamplerAnisotropy;
        var info = new SamplerCreateInfo
        {
            SType = StructureType.SamplerCreateInfo,
            MagFilter = filter,
            MinFilter = filter,
            MipmapMode = mipmaps ? SamplerMipmapMode.Linear : SamplerMipmapMode.Nearest,
            AddressModeU = address,
            AddressModeV = address,
            AddressModeW = address,
            MipLodBias = mipLodBias,
            AnisotropyEnable = anisotropy,
            MaxAnisotropy = anisotropy ? Math.Min(maxAnisotropy, device.Physical.Limits.MaxSamplerAnisotropy) : 1,
            MinLod = 0,
            MaxLod = mipmaps ? Vk.LodClampNone : 0,
        };
        Sampler sampler;
        device.Vk.CreateSampler(device.Handle, &info, null, &sampler).Check("vkCreateSampler");
        return sampler;
    }

    public static void WriteSampledImage(VulkanDevice device, DescriptorSet set, uint binding, ImageView view, Sampler sampler)
    {
        var imageInfo = new DescriptorImageInfo(sampler, view, ImageLayout.ShaderReadOnlyOptimal);
        var write = new WriteDescriptorSet
        {
            SType = StructureType.WriteDescriptorSet,
            DstSet = set,
            DstBinding = binding,
            DescriptorCount = 1,
            DescriptorType = DescriptorType.CombinedImageSampler,
            PImageInfo = &imageInfo,
        };
        device.Vk.UpdateDescriptorSets(device.Handle, 1, &write, 0, null);
    }
}
