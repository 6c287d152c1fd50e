using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Rendering;

/// <summary>A colour and depth target of one size for the scene pass, with its own frame uniforms and descriptor set.</summary>
public sealed unsafe class SceneTarget : IDisposable
{
    private readonly VulkanDevice device;
    private readonly ResourceStack resources = new();

    public SceneTarget(VulkanDevice device, ScenePipelines pipelines, MaterialTextures materials, uint width, uint height)
    {
        this.device = device;
        var vk = device.Vk;
        try
        {
            Color = resources.Add(GpuImage.Create(device, new GpuImageDescription
            {
                Width = width,
                Height = height,
                Format = ScenePipelines.ColorFormat,
                Usage = ImageUsageFlags.ColorAttachmentBit | ImageUsageFlags.SampledBit | ImageUsageFlags.TransferSrcBit,
            }));
            Depth = resources.Add(GpuImage.Create(device, new GpuImageDescription
            {
                Width = width,
                Height = height,
                Format = pipelines.DepthFormat,
                Usage = ImageUsageFlags.DepthStencilAttachmentBit,
            }));
            Framebuffer = GraphicsPipelines.CreateFramebuffer(device, pipelines.ScenePass, width, height, Color.View, Depth.View);
            resources.Add(() => vk.DestroyFramebuffer(device.Handle, Framebuffer, null));
            Uniforms = resources.Add(GpuBuffer.CreateHostVisible(device, FrameUniforms.SizeInBytes, BufferUsageFlags.UniformBufferBit));
            var bindings = new[]
            {
                new DescriptorBinding(ShaderLayout.SceneBindingFrame, DescriptorType.UniformBuffer, ShaderStageFlags.VertexBit),
                new DescriptorBinding(ShaderLayout.SceneBindingMaterials, DescriptorType.CombinedImageSampler, ShaderStageFlags.FragmentBit),
            };
            Pool = Descriptors.CreatePool(device, 1, bindings);
            resources.Add(() => vk.DestroyDescriptorPool(device.Handle, Pool, null));
            Set = Descriptors.Allocate(device, Pool, pipelines.SceneSetLayout);
            Descriptors.WriteUniformBuffer(device, Set, ShaderLayout.SceneBindingFrame, Uniforms);
            Samplers.WriteSampledImage(device, Set, ShaderLayout.SceneBindingMaterials, materials.Image.View, materials.Sampler);
        }
        catch
        {
            resources.Dispose();
            throw;
        }
    }

    public GpuImage Color { get; }
    public GpuImage Depth { get; }
    public Framebuffer Framebuffer { get; }
    public GpuBuffer Uniforms { get; }
    public DescriptorPool Pool { get; }
    public DescriptorSet Set { get; }
    public uint Width => Color.Width;
    public uint Height => Color.Height;

    public void Dispose() => resources.Dispose();
}

/// <summary>The output of the supersampling resolve: a colour target of the output size reading a larger <see cref="SceneTarget"/>.</summary>
public sealed unsafe class ResolveTarget : IDisposable
{
    private readonly ResourceStack resources = new();

    public ResolveTarget(VulkanDevice device, ScenePipelines pipelines, SceneTarget source, uint width, uint height)
    {
        var vk = device.Vk;
        Source = source;
        try
        {
            Color = resources.Add(GpuImage.Create(device, new GpuImageDescription
            {
                Width = width,
                Height = height,
                Format = ScenePipelines.ColorFormat,
                Usage = ImageUsageFlags.ColorAttachmentBit | ImageUsageFlags.SampledBit | ImageUsageFlags.TransferSrcBit
                    | ImageUsageFlags.TransferDstBit,
            }));
            Framebuffer = GraphicsPipelines.CreateFramebuffer(device, pipelines.ResolvePass, width, height, Color.View);
            resources.Add(() => vk.DestroyFramebuffer(device.Handle, Framebuffer, null));
            var binding = new DescriptorBinding(ShaderLayout.ResolveBindingSource, DescriptorType.CombinedImageSampler, ShaderStageFlags.FragmentBit);
            Pool = Descriptors.CreatePool(device, 1, binding);
            resources.Add(() => vk.DestroyDescriptorPool(device.Handle, Pool, null));
            Set = Descriptors.Allocate(device, Pool, pipelines.ResolveSetLayout);
            Samplers.WriteSampledImage(device, Set, ShaderLayout.ResolveBindingSource, source.Color.View, pipelines.PointSampler);
        }
        catch
        {
            resources.Dispose();
            throw;
        }
    }

    public SceneTarget Source { get; }
    public GpuImage Color { get; }
    public Framebuffer Framebuffer { get; }
    public DescriptorPool Pool { get; }
    public DescriptorSet Set { get; }

    public void Dispose() => resources.Dispose();
}
