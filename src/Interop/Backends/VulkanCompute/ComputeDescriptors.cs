using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>Descriptor writes for the texel buffers and uniform ranges of the network's passes.</summary>
internal static unsafe class ComputeDescriptors
{
    public static void Texel(VulkanDevice device, DescriptorSet set, uint binding, DescriptorType type, BufferView view)
    {
        var write = new WriteDescriptorSet
        {
            SType = StructureType.WriteDescriptorSet,
            DstSet = set,
            DstBinding = binding,
            DescriptorCount = 1,
            DescriptorType = type,
            PTexelBufferView = &view,
        };
        device.Vk.UpdateDescriptorSets(device.Handle, 1, &write, 0, null);
    }

    public static void Uniform(VulkanDevice device, DescriptorSet set, uint binding, Buffer buffer, ulong offset, ulong range)
    {
        var info = new DescriptorBufferInfo(buffer, offset, range);
        var write = new WriteDescriptorSet
        {
            SType = StructureType.WriteDescriptorSet,
            DstSet = set,
            DstBinding = binding,
            DescriptorCount = 1,
            DescriptorType = DescriptorType.UniformBuffer,
            PBufferInfo = &info,
        };
        device.Vk.UpdateDescriptorSets(device.Handle, 1, &write, 0, null);
    }
}
