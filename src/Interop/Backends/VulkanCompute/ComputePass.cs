using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>One pass of the network: a pipeline, its layout and the descriptor set it reads and writes (written once).</summary>
internal sealed unsafe class ComputePass(VulkanDevice device, Pipeline pipeline, PipelineLayout layout, DescriptorSet set, string name)
{
    public string Name => name;

    public void Texel(uint binding, DescriptorType type, BufferView view) => ComputeDescriptors.Texel(device, set, binding, type, view);

    public void Uniform(uint binding, GpuBuffer buffer, ulong offset, ulong range) => ComputeDescriptors.Uniform(device, set, binding, buffer.Handle, offset, range);

    /// <summary>Records the pass over <paramref name="width"/> x <paramref name="height"/> cells (tiles of 8x8).</summary>
    public void Record(CommandBuffer cmd, in NetworkPush push, int width, int height)
    {
        var vk = device.Vk;
        var descriptorSet = set;
        vk.CmdBindPipeline(cmd, PipelineBindPoint.Compute, pipeline);
        vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Compute, layout, 0, 1, &descriptorSet, 0, null);
        fixed (NetworkPush* constants = &push)
            vk.CmdPushConstants(cmd, layout, ShaderStageFlags.ComputeBit, 0, NetworkPush.Size, constants);
        vk.CmdDispatch(cmd, (uint)((width + NetworkLayout.Tile - 1) / NetworkLayout.Tile), (uint)((height + NetworkLayout.Tile - 1) / NetworkLayout.Tile), 1);
    }
}
