using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Demo.Rendering.Vulkan;

/// <summary>A vertex attribute: location, format and byte offset inside the vertex.</summary>
public readonly record struct VertexAttribute(uint Location, Format Format, uint Offset);

/// <summary>Everything a graphics pipeline of this project varies; the rest is fixed (triangle lists, dynamic viewport and scissor).</summary>
public sealed record GraphicsPipelineDescription
{
    public required ShaderModule VertexShader { get; init; }
    public required ShaderModule FragmentShader { get; init; }
    public required PipelineLayout Layout { get; init; }
    public required RenderPass RenderPass { get; init; }

    /// <summary>Bytes per vertex; 0 for pipelines that make their vertices in the shader (full-screen triangles).</summary>
    public uint VertexStride { get; init; }
    public IReadOnlyList<VertexAttribute> VertexAttributes { get; init; } = Array.Empty<VertexAttribute>();
    public CullModeFlags CullMode { get; init; } = CullModeFlags.BackBit;
    public bool DepthTest { get; init; }
    public bool DepthWrite { get; init; }
    public CompareOp DepthCompare { get; init; } = CompareOp.Less;
    public SampleCountFlags Samples { get; init; } = SampleCountFlags.Count1Bit;
    public bool AlphaBlend { get; init; }
}

/// <summary>Creation of render passes, framebuffers and graphics pipelines, and the commands that use them: the demo's renderer and presentation only.</summary>
public static unsafe class GraphicsPipelines
{
    /// <summary>
    /// A single-subpass render pass with one colour attachment and an optional depth attachment. Colour is
    /// cleared (or kept when <paramref name="clear"/> is false) and ends in <paramref name="colorFinalLayout"/>;
    /// depth is cleared and discarded.
    /// </summary>
    public static RenderPass CreateRenderPass(VulkanDevice device, Format colorFormat, ImageLayout colorFinalLayout,
        Format? depthFormat = null, bool clear = true)
    {
        var attachments = new AttachmentDescription[depthFormat is null ? 1 : 2];
        attachments[0] = new AttachmentDescription
        {
            Format = colorFormat,
            Samples = SampleCountFlags.Count1Bit,
            LoadOp = clear ? AttachmentLoadOp.Clear : AttachmentLoadOp.DontCare,
            StoreOp = AttachmentStoreOp.Store,
            StencilLoadOp = AttachmentLoadOp.DontCare,
            StencilStoreOp = AttachmentStoreOp.DontCare,
            InitialLayout = ImageLayout.Undefined,
            FinalLayout = colorFinalLayout,
        };
        if (depthFormat is { } depth)
            attachments[1] = new AttachmentDescription
            {
                Format = depth,
                Samples = SampleCountFlags.Count1Bit,
                LoadOp = AttachmentLoadOp.Clear,
                StoreOp = AttachmentStoreOp.DontCare,
                StencilLoadOp = AttachmentLoadOp.DontCare,
                StencilStoreOp = AttachmentStoreOp.DontCare,
                InitialLayout = ImageLayout.Undefined,
                FinalLayout = ImageLayout.DepthStencilAttachmentOptimal,
            };
        var colorReference = new AttachmentReference(0, ImageLayout.ColorAttachmentOptimal);
        var depthReference = new AttachmentReference(1, ImageLayout.DepthStencilAttachmentOptimal);
        var subpass = new SubpassDescription
        {
            PipelineBindPoint = PipelineBindPoint.Graphics,
            ColorAttachmentCount = 1,
            PColorAttachments = &colorReference,
            PDepthStencilAttachment = depthFormat is null ? null : &depthReference,
        };
        // Earlier transfers and shader reads of these images finish before this pass writes them,
        // and the pass's writes are visible to whatever reads the colour image next.
        var dependencies = stackalloc SubpassDependency[2];
        dependencies[0] = new SubpassDependency
        {
            SrcSubpass = Vk.SubpassExternal,
            DstSubpass = 0,
            SrcStageMask = PipelineStageFlags.ColorAttachmentOutputBit | PipelineStageFlags.LateFragmentTestsBit
                | PipelineStageFlags.TransferBit | PipelineStageFlags.FragmentShaderBit,
            DstStageMask = PipelineStageFlags.ColorAttachmentOutputBit | PipelineStageFlags.EarlyFragmentTestsBit,
            SrcAccessMask = AccessFlags.ColorAttachmentWriteBit | AccessFlags.DepthStencilAttachmentWriteBit
                | AccessFlags.TransferReadBit | AccessFlags.ShaderReadBit,
            DstAccessMask = AccessFlags.ColorAttachmentWriteBit | AccessFlags.ColorAttachmentReadBit
                | AccessFlags.DepthStencilAttachmentWriteBit | AccessFlags.DepthStencilAttachmentReadBit,
        };
        dependencies[1] = new SubpassDependency
        {
            SrcSubpass = 0,
            DstSubpass = Vk.SubpassExternal,
            SrcStageMask = PipelineStageFlags.ColorAttachmentOutputBit,
            DstStageMask = PipelineStageFlags.FragmentShaderBit | PipelineStageFlags.TransferBit | PipelineStageFlags.BottomOfPipeBit,
            SrcAccessMask = AccessFlags.ColorAttachmentWriteBit,
            DstAccessMask = AccessFlags.ShaderReadBit | AccessFlags.TransferReadBit,
        };
        fixed (AttachmentDescription* attachmentPointer = attachments)
        {
            var info = new RenderPassCreateInfo
            {
                SType = StructureType.RenderPassCreateInfo,
                AttachmentCount = (uint)attachments.Length,
                PAttachments = attachmentPointer,
                SubpassCount = 1,
                PSubpasses = &subpass,
                DependencyCount = 2,
                PDependencies = dependencies,
            };
            RenderPass pass;
            device.Vk.CreateRenderPass(device.Handle, &info, null, &pass).Check("vkCreateRenderPass");
            return pass;
        }
    }

    public static Framebuffer CreateFramebuffer(VulkanDevice device, RenderPass pass, uint width, uint height, params ImageView[] views)
    {
        fixed (ImageView* pointer = views)
        {
            var info = new FramebufferCreateInfo
            {
                SType = StructureType.FramebufferCreateInfo,
                RenderPass = pass,
                AttachmentCount = (uint)views.Length,
                PAttachments = pointer,
                Width = width,
                Height = height,
                Layers = 1,
            };
            Framebuffer framebuffer;
            device.Vk.CreateFramebuffer(device.Handle, &info, null, &framebuffer).Check("vkCreateFramebuffer");
            return framebuffer;
        }
    }

    public static Pipeline CreateGraphics(VulkanDevice device, GraphicsPipelineDescription d)
    {
        byte* entry = stackalloc byte[] { (byte)'m', (byte)'a', (byte)'i', (byte)'n', 0 }; // the shaders' entry point, "main"
        var stages = stackalloc PipelineShaderStageCreateInfo[2];
        stages[0] = new PipelineShaderStageCreateInfo
        {
            SType = StructureType.PipelineShaderStageCreateInfo,
            Stage = ShaderStageFlags.VertexBit,
            Module = d.VertexShader,
            PName = entry,
        };
        stages[1] = new PipelineShaderStageCreateInfo
        {
            SType = StructureType.PipelineShaderStageCreateInfo,
            Stage = ShaderStageFlags.FragmentBit,
            Module = d.FragmentShader,
            PName = entry,
        };
        var binding = new VertexInputBindingDescription(0, d.VertexStride, VertexInputRate.Vertex);
        var attributes = d.VertexAttributes.Select(a => new VertexInputAttributeDescription(a.Location, 0, a.Format, a.Offset)).ToArray();
        fixed (VertexInputAttributeDescription* attributePointer = attributes)
        {
            var vertexInput = new PipelineVertexInputStateCreateInfo
            {
                SType = StructureType.PipelineVertexInputStateCreateInfo,
                VertexBindingDescriptionCount = d.VertexStride > 0 ? 1u : 0u,
                PVertexBindingDescriptions = &binding,
                VertexAttributeDescriptionCount = (uint)attributes.Length,
                PVertexAttributeDescriptions = attributePointer,
            };
            var inputAssembly = new PipelineInputAssemblyStateCreateInfo
            {
                SType = StructureType.PipelineInputAssemblyStateCreateInfo,
                Topology = PrimitiveTopology.TriangleList,
            };
            var viewport = new PipelineViewportStateCreateInfo
            {
                SType = StructureType.PipelineViewportStateCreateInfo,
                ViewportCount = 1,
                ScissorCount = 1,
            };
            var rasterization = new PipelineRasterizationStateCreateInfo
            {
                SType = StructureType.PipelineRasterizationStateCreateInfo,
                PolygonMode = PolygonMode.Fill,
                CullMode = d.CullMode,
                FrontFace = FrontFace.CounterClockwise,
                LineWidth = 1f,
            };
            var multisample = new PipelineMultisampleStateCreateInfo
            {
                SType = StructureType.PipelineMultisampleStateCreateInfo,
                RasterizationSamples = d.Samples,
            };
            var depthStencil = new PipelineDepthStencilStateCreateInfo
            {
                SType = StructureType.PipelineDepthStencilStateCreateInfo,
                DepthTestEnable = d.DepthTest,
                DepthWriteEnable = d.DepthWrite,
                DepthCompareOp = d.DepthCompare,
            };
            var blendAttachment = new PipelineColorBlendAttachmentState
            {
                BlendEnable = d.AlphaBlend,
                SrcColorBlendFactor = BlendFactor.SrcAlpha,
                DstColorBlendFactor = BlendFactor.OneMinusSrcAlpha,
                ColorBlendOp = BlendOp.Add,
                SrcAlphaBlendFactor = BlendFactor.One,
                DstAlphaBlendFactor = BlendFactor.OneMinusSrcAlpha,
                AlphaBlendOp = BlendOp.Add,
                ColorWriteMask = ColorComponentFlags.RBit | ColorComponentFlags.GBit | ColorComponentFlags.BBit | ColorComponentFlags.ABit,
            };
            var blend = new PipelineColorBlendStateCreateInfo
            {
                SType = StructureType.PipelineColorBlendStateCreateInfo,
                AttachmentCount = 1,
                PAttachments = &blendAttachment,
            };
            var dynamicStates = stackalloc DynamicState[] { DynamicState.Viewport, DynamicState.Scissor };
            var dynamic = new PipelineDynamicStateCreateInfo
            {
                SType = StructureType.PipelineDynamicStateCreateInfo,
                DynamicStateCount = 2,
                PDynamicStates = dynamicStates,
            };
            var info = new GraphicsPipelineCreateInfo
            {
                SType = StructureType.GraphicsPipelineCreateInfo,
                StageCount = 2,
                PStages = stages,
                PVertexInputState = &vertexInput,
                PInputAssemblyState = &inputAssembly,
                PViewportState = &viewport,
                PRasterizationState = &rasterization,
                PMultisampleState = &multisample,
                PDepthStencilState = &depthStencil,
                PColorBlendState = &blend,
                PDynamicState = &dynamic,
                Layout = d.Layout,
                RenderPass = d.RenderPass,
                Subpass = 0,
            };
            Pipeline pipeline;
            device.Vk.CreateGraphicsPipelines(device.Handle, default, 1, &info, null, &pipeline).Check("vkCreateGraphicsPipelines");
            return pipeline;
        }
    }

    /// <summary>Sets a viewport and scissor covering <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static void SetViewport(Vk vk, CommandBuffer cmd, uint width, uint height)
    {
        var viewport = new Viewport(0, 0, width, height, 0, 1);
        var scissor = new Rect2D(new Offset2D(0, 0), new Extent2D(width, height));
        vk.CmdSetViewport(cmd, 0, 1, &viewport);
        vk.CmdSetScissor(cmd, 0, 1, &scissor);
    }

    /// <summary>Begins <paramref name="pass"/> on <paramref name="framebuffer"/>, clearing colour (and depth to 1).</summary>
    public static void BeginRenderPass(Vk vk, CommandBuffer cmd, RenderPass pass, Framebuffer framebuffer, uint width, uint height,
        bool hasDepth, float r = 0, float g = 0, float b = 0)
    {
        var clears = stackalloc ClearValue[2];
        clears[0] = new ClearValue(new ClearColorValue(r, g, b, 1));
        clears[1] = new ClearValue(depthStencil: new ClearDepthStencilValue(1, 0));
        var begin = new RenderPassBeginInfo
        {
            SType = StructureType.RenderPassBeginInfo,
            RenderPass = pass,
            Framebuffer = framebuffer,
            RenderArea = new Rect2D(new Offset2D(0, 0), new Extent2D(width, height)),
            ClearValueCount = hasDepth ? 2u : 1u,
            PClearValues = clears,
        };
        vk.CmdBeginRenderPass(cmd, &begin, SubpassContents.Inline);
    }
}
