using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;
using GdpoRealtime.Demo.Presentation;

namespace GdpoRealtime.Demo.Viewer;

/// <summary>
/// Draws the split view into swapchain images: the left frame, the right frame, the divider and the text
/// overlay, scaled to the window with linear filtering.
/// </summary>
public sealed unsafe class PresentPass : IDisposable
{
    private readonly VulkanDevice device;
    private readonly ResourceStack resources = new();
    private Framebuffer[] framebuffers = Array.Empty<Framebuffer>();

    public PresentPass(VulkanDevice device, Format swapchainFormat)
    {
        this.device = device;
        var vk = device.Vk;
        try
        {
            var bindings = new[]
            {
                new DescriptorBinding(ShaderLayout.PresentBindingLeft, DescriptorType.CombinedImageSampler, ShaderStageFlags.FragmentBit),
                new DescriptorBinding(ShaderLayout.PresentBindingRight, DescriptorType.CombinedImageSampler, ShaderStageFlags.FragmentBit),
                new DescriptorBinding(ShaderLayout.PresentBindingOverlay, DescriptorType.CombinedImageSampler, ShaderStageFlags.FragmentBit),
            };
            SetLayout = Descriptors.CreateLayout(device, bindings);
            resources.Add(() => vk.DestroyDescriptorSetLayout(device.Handle, SetLayout, null));
            Layout = Pipelines.CreateLayout(device, new[] { SetLayout }, PresentPush.SizeInBytes);
            resources.Add(() => vk.DestroyPipelineLayout(device.Handle, Layout, null));
            RenderPass = GraphicsPipelines.CreateRenderPass(device, swapchainFormat, ImageLayout.PresentSrcKhr, clear: false);
            resources.Add(() => vk.DestroyRenderPass(device.Handle, RenderPass, null));
            var vertex = Pipelines.CreateShaderModule(device, ShaderLibrary.Load("fullscreen.vert"), "fullscreen.vert");
            var fragment = Pipelines.CreateShaderModule(device, ShaderLibrary.Load("present.frag"), "present.frag");
            Pipeline = GraphicsPipelines.CreateGraphics(device, new GraphicsPipelineDescription
            {
                VertexShader = vertex,
                FragmentShader = fragment,
                Layout = Layout,
                RenderPass = RenderPass,
                CullMode = CullModeFlags.None,
            });
            resources.Add(() => vk.DestroyPipeline(device.Handle, Pipeline, null));
            vk.DestroyShaderModule(device.Handle, vertex, null);
            vk.DestroyShaderModule(device.Handle, fragment, null);
            Sampler = Samplers.Create(device, Filter.Linear, mipmaps: false, repeat: false);
            resources.Add(() => vk.DestroySampler(device.Handle, Sampler, null));
            Pool = Descriptors.CreatePool(device, 1, bindings);
            resources.Add(() => vk.DestroyDescriptorPool(device.Handle, Pool, null));
            Set = Descriptors.Allocate(device, Pool, SetLayout);
        }
        catch
        {
            resources.Dispose();
            throw;
        }
    }

    public DescriptorSetLayout SetLayout { get; }
    public PipelineLayout Layout { get; }
    public RenderPass RenderPass { get; }
    public Pipeline Pipeline { get; }
    public Sampler Sampler { get; }
    public DescriptorPool Pool { get; }
    public DescriptorSet Set { get; }

    /// <summary>(Re)creates one framebuffer per swapchain image.</summary>
    public void Attach(Swapchain swapchain)
    {
        DestroyFramebuffers();
        framebuffers = swapchain.Views
            .Select(view => GraphicsPipelines.CreateFramebuffer(device, RenderPass, swapchain.Extent.Width, swapchain.Extent.Height, view))
            .ToArray();
    }

    /// <summary>Records the split view into swapchain image <paramref name="index"/>. The images must be in ShaderReadOnlyOptimal.</summary>
    public void Record(CommandBuffer cmd, uint index, Extent2D extent, GpuImage left, GpuImage right, GpuImage overlay, ViewerState state)
    {
        var vk = device.Vk;
        // The set is rewritten every frame: the frames shown change with the modes, and the previous frame has finished (its fence was waited on).
        Samplers.WriteSampledImage(device, Set, ShaderLayout.PresentBindingLeft, left.View, Sampler);
        Samplers.WriteSampledImage(device, Set, ShaderLayout.PresentBindingRight, right.View, Sampler);
        Samplers.WriteSampledImage(device, Set, ShaderLayout.PresentBindingOverlay, overlay.View, Sampler);
        GraphicsPipelines.BeginRenderPass(vk, cmd, RenderPass, framebuffers[index], extent.Width, extent.Height, hasDepth: false);
        GraphicsPipelines.SetViewport(vk, cmd, extent.Width, extent.Height);
        vk.CmdBindPipeline(cmd, PipelineBindPoint.Graphics, Pipeline);
        var set = Set;
        vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Graphics, Layout, 0, 1, &set, 0, null);
        var push = new PresentPush
        {
            Viewport = new System.Numerics.Vector4(extent.Width, extent.Height, (float)(state.Divider * extent.Width), 1.5f),
            Options = new System.Numerics.Vector4(state.ShowOverlay ? 1 : 0, state.SingleView ? 1 : 0, 0, 0),
        };
        vk.CmdPushConstants(cmd, Layout, ShaderStageFlags.VertexBit | ShaderStageFlags.FragmentBit, 0, PresentPush.SizeInBytes, &push);
        vk.CmdDraw(cmd, 3, 1, 0, 0);
        vk.CmdEndRenderPass(cmd);
    }

    private void DestroyFramebuffers()
    {
        foreach (var framebuffer in framebuffers) device.Vk.DestroyFramebuffer(device.Handle, framebuffer, null);
        framebuffers = Array.Empty<Framebuffer>();
    }

    public void Dispose()
    {
        DestroyFramebuffers();
        resources.Dispose();
    }
}
