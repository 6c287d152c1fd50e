using GdpoRealtime.Demo.Scene.Meshes;
using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Rendering;

/// <summary>
/// The render passes, layouts and pipelines of the scene renderer: sky, opaque and two-sided objects into an
/// sRGB colour target with depth, and the box-filter resolve of a supersampled frame.
/// </summary>
public sealed unsafe class ScenePipelines : IDisposable
{
    public const Format ColorFormat = Format.R8G8B8A8Srgb;

    private readonly ResourceStack resources = new();

    public ScenePipelines(VulkanDevice device)
    {
        var vk = device.Vk;
        try
        {
            DepthFormat = ChooseDepthFormat(device);
            SceneSetLayout = Descriptors.CreateLayout(device,
                new DescriptorBinding(ShaderLayout.SceneBindingFrame, DescriptorType.UniformBuffer, ShaderStageFlags.VertexBit | ShaderStageFlags.FragmentBit),
                new DescriptorBinding(ShaderLayout.SceneBindingMaterials, DescriptorType.CombinedImageSampler, ShaderStageFlags.FragmentBit));
            resources.Add(() => vk.DestroyDescriptorSetLayout(device.Handle, SceneSetLayout, null));
            ResolveSetLayout = Descriptors.CreateLayout(device,
                new DescriptorBinding(ShaderLayout.ResolveBindingSource, DescriptorType.CombinedImageSampler, ShaderStageFlags.FragmentBit));
            resources.Add(() => vk.DestroyDescriptorSetLayout(device.Handle, ResolveSetLayout, null));

            SceneLayout = Pipelines.CreateLayout(device, new[] { SceneSetLayout }, ObjectPush.SizeInBytes);
            resources.Add(() => vk.DestroyPipelineLayout(device.Handle, SceneLayout, null));
            ResolveLayout = Pipelines.CreateLayout(device, new[] { ResolveSetLayout }, ResolvePush.SizeInBytes);
            resources.Add(() => vk.DestroyPipelineLayout(device.Handle, ResolveLayout, null));

            ScenePass = GraphicsPipelines.CreateRenderPass(device, ColorFormat, ImageLayout.ShaderReadOnlyOptimal, DepthFormat);
            resources.Add(() => vk.DestroyRenderPass(device.Handle, ScenePass, null));
            ResolvePass = GraphicsPipelines.CreateRenderPass(device, ColorFormat, ImageLayout.ShaderReadOnlyOptimal, clear: false);
            resources.Add(() => vk.DestroyRenderPass(device.Handle, ResolvePass, null));

            var sceneVertex = Module(device, "scene.vert");
            var sceneFragment = Module(device, "scene.frag");
            var fullscreen = Module(device, "fullscreen.vert");
            var sky = Module(device, "sky.frag");
            var resolve = Module(device, "resolve.frag");

            var attributes = new[]
            {
                new VertexAttribute(ShaderLayout.VertexLocationPosition, Format.R32G32B32Sfloat, Vertex.PositionOffset),
                new VertexAttribute(ShaderLayout.VertexLocationNormal, Format.R32G32B32Sfloat, Vertex.NormalOffset),
                new VertexAttribute(ShaderLayout.VertexLocationUv, Format.R32G32Sfloat, Vertex.UvOffset),
            };
            var opaque = new GraphicsPipelineDescription
            {
                VertexShader = sceneVertex,
                FragmentShader = sceneFragment,
                Layout = SceneLayout,
                RenderPass = ScenePass,
                VertexStride = Vertex.SizeInBytes,
                VertexAttributes = attributes,
                CullMode = CullModeFlags.BackBit,
                DepthTest = true,
                DepthWrite = true,
            };
            Opaque = Pipeline(device, opaque);
            TwoSided = Pipeline(device, opaque with { CullMode = CullModeFlags.None });
            Sky = Pipeline(device, new GraphicsPipelineDescription
            {
                VertexShader = fullscreen,
                FragmentShader = sky,
                Layout = SceneLayout,
                RenderPass = ScenePass,
                CullMode = CullModeFlags.None,
            });
            Resolve = Pipeline(device, new GraphicsPipelineDescription
            {
                VertexShader = fullscreen,
                FragmentShader = resolve,
                Layout = ResolveLayout,
                RenderPass = ResolvePass,
                CullMode = CullModeFlags.None,
            });
            // Pipelines keep what they need from the modules: these can go now.
            foreach (var module in new[] { sceneVertex, sceneFragment, fullscreen, sky, resolve }) vk.DestroyShaderModule(device.Handle, module, null);

            PointSampler = Samplers.Create(device, Filter.Nearest, mipmaps: false, repeat: false);
            resources.Add(() => vk.DestroySampler(device.Handle, PointSampler, null));
        }
        catch
        {
            resources.Dispose();
            throw;
        }
    }

    public Format DepthFormat { get; }
    public DescriptorSetLayout SceneSetLayout { get; }
    public DescriptorSetLayout ResolveSetLayout { get; }
    public PipelineLayout SceneLayout { get; }
    public PipelineLayout ResolveLayout { get; }
    public RenderPass ScenePass { get; }
    public RenderPass ResolvePass { get; }
    public Pipeline Opaque { get; }
    public Pipeline TwoSided { get; }
    public Pipeline Sky { get; }
    public Pipeline Resolve { get; }
    public Sampler PointSampler { get; }

    private ShaderModule Module(VulkanDevice device, string name) => Pipelines.CreateShaderModule(device, ShaderLibrary.Load(name), name);

    private Pipeline Pipeline(VulkanDevice device, GraphicsPipelineDescription description)
    {
        var pipeline = GraphicsPipelines.CreateGraphics(device, description);
        resources.Add(() => device.Vk.DestroyPipeline(device.Handle, pipeline, null));
        return pipeline;
    }

    private static Format ChooseDepthFormat(VulkanDevice device)
    {
        foreach (var format in new[] { Format.D32Sfloat, Format.X8D24UnormPack32, Format.D24UnormS8Uint, Format.D16Unorm })
        {
            device.Vk.GetPhysicalDeviceFormatProperties(device.Physical.Handle, format, out var properties);
            if ((properties.OptimalTilingFeatures & FormatFeatureFlags.DepthStencilAttachmentBit) != 0) return format;
        }
        throw new VulkanUnavailableException($"The device {device.Physical.Name} offers no depth format", "Update the Vulkan driver");
    }

    public void Dispose() => resources.Dispose();
}
