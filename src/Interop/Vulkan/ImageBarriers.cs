using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>Layout transitions with the access masks and stages that each layout implies.</summary>
public static unsafe class ImageBarriers
{
    public static void Transition(Vk vk, CommandBuffer cmd, Image image, ImageAspectFlags aspect, ImageLayout from, ImageLayout to,
        uint baseMip = 0, uint mipCount = 1, uint baseLayer = 0, uint layerCount = 1)
    {
        var (sourceAccess, sourceStage) = Usage(from, isSource: true);
        var (targetAccess, targetStage) = Usage(to, isSource: false);
        Record(vk, cmd, image, from, to, sourceAccess, sourceStage, targetAccess, targetStage,
            new ImageSubresourceRange(aspect, baseMip, mipCount, baseLayer, layerCount));
    }

    /// <summary>
    /// A colour image's layout transition with the access masks and stages given, for images whose use the
    /// caller knows better than the layout says (an engine's frames, shared with its own passes).
    /// </summary>
    public static void Transition(Vk vk, CommandBuffer cmd, Image image, ImageLayout from, ImageLayout to,
        AccessFlags sourceAccess, PipelineStageFlags sourceStage, AccessFlags targetAccess, PipelineStageFlags targetStage) =>
        Record(vk, cmd, image, from, to, sourceAccess, sourceStage, targetAccess, targetStage,
            new ImageSubresourceRange(ImageAspectFlags.ColorBit, 0, 1, 0, 1));

    private static void Record(Vk vk, CommandBuffer cmd, Image image, ImageLayout from, ImageLayout to,
        AccessFlags sourceAccess, PipelineStageFlags sourceStage, AccessFlags targetAccess, PipelineStageFlags targetStage, ImageSubresourceRange range)
    {
        var barrier = new ImageMemoryBarrier
        {
            SType = StructureType.ImageMemoryBarrier,
            SrcAccessMask = sourceAccess,
            DstAccessMask = targetAccess,
            OldLayout = from,
            NewLayout = to,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Image = image,
            SubresourceRange = range,
        };
        vk.CmdPipelineBarrier(cmd, sourceStage, targetStage, 0, 0, null, 0, null, 1, &barrier);
    }

    private static (AccessFlags Access, PipelineStageFlags Stage) Usage(ImageLayout layout, bool isSource) => layout switch
    {
        ImageLayout.Undefined => (0, PipelineStageFlags.TopOfPipeBit),
        ImageLayout.TransferSrcOptimal => (AccessFlags.TransferReadBit, PipelineStageFlags.TransferBit),
        ImageLayout.TransferDstOptimal => (AccessFlags.TransferWriteBit, PipelineStageFlags.TransferBit),
        ImageLayout.ShaderReadOnlyOptimal => (AccessFlags.ShaderReadBit, PipelineStageFlags.FragmentShaderBit | PipelineStageFlags.ComputeShaderBit),
        ImageLayout.ColorAttachmentOptimal => (AccessFlags.ColorAttachmentReadBit | AccessFlags.ColorAttachmentWriteBit,
            PipelineStageFlags.ColorAttachmentOutputBit),
        ImageLayout.DepthStencilAttachmentOptimal => (AccessFlags.DepthStencilAttachmentReadBit | AccessFlags.DepthStencilAttachmentWriteBit,
            PipelineStageFlags.EarlyFragmentTestsBit | PipelineStageFlags.LateFragmentTestsBit),
        ImageLayout.PresentSrcKhr => (0, isSource ? PipelineStageFlags.ColorAttachmentOutputBit : PipelineStageFlags.BottomOfPipeBit),
        _ => (AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit, PipelineStageFlags.AllCommandsBit),
    };
}
