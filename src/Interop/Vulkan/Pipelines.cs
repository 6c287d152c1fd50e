using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>Creation of shader modules and pipeline layouts, for the compute passes and the demo's graphics alike.</summary>
public static unsafe class Pipelines
{
    public static ShaderModule CreateShaderModule(VulkanDevice device, byte[] spirv, string name)
    {
        if (spirv.Length < 20 || spirv.Length % 4 != 0 || BitConverter.ToUInt32(spirv, 0) != 0x07230203)
            throw new InvalidDataException($"Shader '{name}' is not SPIR-V (bad size or magic number); rebuild so glslc compiles it.");
        fixed (byte* code = spirv)
        {
            var info = new ShaderModuleCreateInfo
            {
                SType = StructureType.ShaderModuleCreateInfo,
                CodeSize = (nuint)spirv.Length,
                PCode = (uint*)code,
            };
            ShaderModule module;
            device.Vk.CreateShaderModule(device.Handle, &info, null, &module).Check($"vkCreateShaderModule ({name})");
            device.CountCreated();
            return module;
        }
    }

    public static PipelineLayout CreateLayout(VulkanDevice device, IReadOnlyList<DescriptorSetLayout> setLayouts, uint pushConstantBytes,
        ShaderStageFlags pushConstantStages = ShaderStageFlags.VertexBit | ShaderStageFlags.FragmentBit)
    {
        var sets = setLayouts.ToArray();
        var range = new PushConstantRange(pushConstantStages, 0, pushConstantBytes);
        fixed (DescriptorSetLayout* pointer = sets)
        {
            var info = new PipelineLayoutCreateInfo
            {
                SType = StructureType.PipelineLayoutCreateInfo,
                SetLayoutCount = (uint)sets.Length,
                PSetLayouts = pointer,
                PushConstantRangeCount = pushConstantBytes > 0 ? 1u : 0u,
                PPushConstantRanges = &range,
            };
            PipelineLayout layout;
            device.Vk.CreatePipelineLayout(device.Handle, &info, null, &layout).Check("vkCreatePipelineLayout");
            device.CountCreated();
            return layout;
        }
    }
}
