using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>One binding of a descriptor set layout.</summary>
public readonly record struct DescriptorBinding(uint Binding, DescriptorType Type, ShaderStageFlags Stages);

/// <summary>Descriptor set layouts, pools, sets and writes for the small fixed layouts this project uses.</summary>
public static unsafe class Descriptors
{
    public static DescriptorSetLayout CreateLayout(VulkanDevice device, params DescriptorBinding[] bindings)
    {
        var native = bindings.Select(b => new DescriptorSetLayoutBinding
        {
            Binding = b.Binding,
            DescriptorType = b.Type,
            DescriptorCount = 1,
            StageFlags = b.Stages,
        }).ToArray();
        fixed (DescriptorSetLayoutBinding* pointer = native)
        {
            var info = new DescriptorSetLayoutCreateInfo
            {
                SType = StructureType.DescriptorSetLayoutCreateInfo,
                BindingCount = (uint)native.Length,
                PBindings = pointer,
            };
            DescriptorSetLayout layout;
            device.Vk.CreateDescriptorSetLayout(device.Handle, &info, null, &layout).Check("vkCreateDescriptorSetLayout");
            device.CountCreated();
            return layout;
        }
    }

    /// <summary>A pool for <paramref name="maxSets"/> sets of the given layout's binding types.</summary>
    public static DescriptorPool CreatePool(VulkanDevice device, uint maxSets, params DescriptorBinding[] bindingsPerSet)
    {
        var sizes = bindingsPerSet.GroupBy(b => b.Type)
            .Select(g => new DescriptorPoolSize(g.Key, (uint)g.Count() * maxSets)).ToArray();
        fixed (DescriptorPoolSize* pointer = sizes)
        {
            var info = new DescriptorPoolCreateInfo
            {
                SType = StructureType.DescriptorPoolCreateInfo,
                Flags = DescriptorPoolCreateFlags.FreeDescriptorSetBit,
                MaxSets = maxSets,
                PoolSizeCount = (uint)sizes.Length,
                PPoolSizes = pointer,
            };
            DescriptorPool pool;
            device.Vk.CreateDescriptorPool(device.Handle, &info, null, &pool).Check("vkCreateDescriptorPool");
            device.CountCreated();
            return pool;
        }
    }

    public static DescriptorSet Allocate(VulkanDevice device, DescriptorPool pool, DescriptorSetLayout layout)
    {
        var info = new DescriptorSetAllocateInfo
        {
            SType = StructureType.DescriptorSetAllocateInfo,
            DescriptorPool = pool,
            DescriptorSetCount = 1,
            PSetLayouts = &layout,
        };
        DescriptorSet set;
        device.Vk.AllocateDescriptorSets(device.Handle, &info, &set).Check("vkAllocateDescriptorSets");
        device.CountCreated();
        return set;
    }

    public static void WriteUniformBuffer(VulkanDevice device, DescriptorSet set, uint binding, GpuBuffer buffer)
    {
        var bufferInfo = new DescriptorBufferInfo(buffer.Handle, 0, buffer.Size);
        var write = new WriteDescriptorSet
        {
            SType = StructureType.WriteDescriptorSet,
            DstSet = set,
            DstBinding = binding,
            DescriptorCount = 1,
            DescriptorType = DescriptorType.UniformBuffer,
            PBufferInfo = &bufferInfo,
        };
        device.Vk.UpdateDescriptorSets(device.Handle, 1, &write, 0, null);
    }
}
