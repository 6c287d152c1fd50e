using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// The Vulkan half of every backend: copying the render-size region of the engine's input image into a packed
/// buffer, and a packed display-size buffer into the engine's output image, with the barriers that order these
/// copies against the engine's own work. The engine's work before the dispatch is waited for with a full barrier
/// (ALL_COMMANDS, MEMORY_WRITE), and the work after it waits for the upscaler's writes through the closing barrier
/// (ALL_COMMANDS, MEMORY_READ | MEMORY_WRITE), so the engine needs no barriers of its own beyond stating layouts.
/// </summary>
internal static unsafe class FrameCopyCommands
{
    /// <summary>The queue family index that stands for another API (CUDA) owning a shared resource.</summary>
    public const uint ExternalQueueFamily = ~1u;

    /// <summary>How a staging buffer is shared: with the host (mapped memory) or with CUDA (exported memory).</summary>
    public enum BufferOwner
    {
        Host,
        External,
    }

    /// <summary>Records: input to TRANSFER_SRC, copy its render region into <paramref name="buffer"/>, input back to its layout, buffer handed to its owner.</summary>
    public static void RecordCopyIn(Vk vk, CommandBuffer cmd, in CheckedDispatch frame, Buffer buffer, BufferOwner owner, uint queueFamily)
    {
        var copyLayout = frame.InputLayout is ImageLayout.TransferSrcOptimal or ImageLayout.General ? frame.InputLayout : ImageLayout.TransferSrcOptimal;
        if (owner == BufferOwner.External) Acquire(vk, cmd, buffer, AccessFlags.TransferWriteBit, queueFamily);
        ImageBarriers.Transition(vk, cmd, frame.Input, frame.InputLayout, copyLayout,
            AccessFlags.MemoryWriteBit, PipelineStageFlags.AllCommandsBit, AccessFlags.TransferReadBit, PipelineStageFlags.TransferBit);
        var region = new BufferImageCopy
        {
            BufferOffset = 0,
            BufferRowLength = 0,
            BufferImageHeight = 0,
            ImageSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
            ImageOffset = new Offset3D(0, 0, 0),
            ImageExtent = new Extent3D((uint)frame.RenderSize.Width, (uint)frame.RenderSize.Height, 1),
        };
        vk.CmdCopyImageToBuffer(cmd, frame.Input, copyLayout, buffer, 1, &region);
        ImageBarriers.Transition(vk, cmd, frame.Input, copyLayout, frame.InputLayout,
            0, PipelineStageFlags.TransferBit, AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit, PipelineStageFlags.AllCommandsBit);
        if (owner == BufferOwner.External) Release(vk, cmd, buffer, AccessFlags.TransferWriteBit, queueFamily);
        else HostReadBarrier(vk, cmd, buffer);
    }

    /// <summary>Records: buffer taken from its owner, output to TRANSFER_DST, copy the whole display frame in, output to its final layout.</summary>
    public static void RecordCopyOut(Vk vk, CommandBuffer cmd, in CheckedDispatch frame, Buffer buffer, BufferOwner owner, uint queueFamily)
    {
        if (owner == BufferOwner.External) Acquire(vk, cmd, buffer, AccessFlags.TransferReadBit, queueFamily);
        // Writing every pixel: the old contents can be discarded (UNDEFINED as the old layout), which spares a copy on tiled GPUs.
        ImageBarriers.Transition(vk, cmd, frame.Output, ImageLayout.Undefined, ImageLayout.TransferDstOptimal,
            AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit, PipelineStageFlags.AllCommandsBit, AccessFlags.TransferWriteBit, PipelineStageFlags.TransferBit);
        var region = new BufferImageCopy
        {
            ImageSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
            ImageExtent = new Extent3D((uint)frame.DisplaySize.Width, (uint)frame.DisplaySize.Height, 1),
        };
        vk.CmdCopyBufferToImage(cmd, buffer, frame.Output, ImageLayout.TransferDstOptimal, 1, &region);
        ImageBarriers.Transition(vk, cmd, frame.Output, ImageLayout.TransferDstOptimal, frame.OutputFinalLayout,
            AccessFlags.TransferWriteBit, PipelineStageFlags.TransferBit, AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit, PipelineStageFlags.AllCommandsBit);
        if (owner == BufferOwner.External) Release(vk, cmd, buffer, AccessFlags.TransferReadBit, queueFamily);
    }

    /// <summary>
    /// Records: output to TRANSFER_DST, cleared to opaque black, output to its final layout. What a recorded frame's
    /// output shows when no frame has produced a result yet (the recorded form's output is the previous frame's).
    /// </summary>
    public static void RecordClearOutput(Vk vk, CommandBuffer cmd, in CheckedDispatch frame)
    {
        ImageBarriers.Transition(vk, cmd, frame.Output, ImageLayout.Undefined, ImageLayout.TransferDstOptimal,
            AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit, PipelineStageFlags.AllCommandsBit, AccessFlags.TransferWriteBit, PipelineStageFlags.TransferBit);
        var black = new ClearColorValue(0f, 0f, 0f, 1f);
        var range = new ImageSubresourceRange(ImageAspectFlags.ColorBit, 0, 1, 0, 1);
        vk.CmdClearColorImage(cmd, frame.Output, ImageLayout.TransferDstOptimal, &black, 1, &range);
        ImageBarriers.Transition(vk, cmd, frame.Output, ImageLayout.TransferDstOptimal, frame.OutputFinalLayout,
            AccessFlags.TransferWriteBit, PipelineStageFlags.TransferBit, AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit, PipelineStageFlags.AllCommandsBit);
    }

    /// <summary>
    /// Orders this command buffer's transfers after every transfer submitted before it on the queue. Copy-in of frame
    /// N+1 must not signal "input ready" (which lets CUDA overwrite the shared output) before copy-out of frame N has
    /// read that output: a barrier's first scope covers earlier submissions on the same queue.
    /// </summary>
    public static void AfterEarlierTransfers(Vk vk, CommandBuffer cmd)
    {
        var barrier = new MemoryBarrier { SType = StructureType.MemoryBarrier, SrcAccessMask = AccessFlags.TransferReadBit | AccessFlags.TransferWriteBit, DstAccessMask = AccessFlags.TransferWriteBit };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.TransferBit, 0, 1, &barrier, 0, null, 0, null);
    }

    /// <summary>Takes a buffer shared with CUDA back from the external queue family before the copy uses it.</summary>
    public static void Acquire(Vk vk, CommandBuffer cmd, Buffer buffer, AccessFlags access, uint queueFamily)
    {
        var barrier = new BufferMemoryBarrier
        {
            SType = StructureType.BufferMemoryBarrier,
            SrcAccessMask = 0,
            DstAccessMask = access,
            SrcQueueFamilyIndex = ExternalQueueFamily,
            DstQueueFamilyIndex = queueFamily,
            Buffer = buffer,
            Offset = 0,
            Size = Vk.WholeSize,
        };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TopOfPipeBit, PipelineStageFlags.TransferBit, 0, 0, null, 1, &barrier, 0, null);
    }

    /// <summary>Hands a buffer shared with CUDA to the external queue family after the copy, making its writes available there.</summary>
    public static void Release(Vk vk, CommandBuffer cmd, Buffer buffer, AccessFlags access, uint queueFamily)
    {
        var barrier = new BufferMemoryBarrier
        {
            SType = StructureType.BufferMemoryBarrier,
            SrcAccessMask = access,
            DstAccessMask = 0,
            SrcQueueFamilyIndex = queueFamily,
            DstQueueFamilyIndex = ExternalQueueFamily,
            Buffer = buffer,
            Offset = 0,
            Size = Vk.WholeSize,
        };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.BottomOfPipeBit, 0, 0, null, 1, &barrier, 0, null);
    }

    private static void HostReadBarrier(Vk vk, CommandBuffer cmd, Buffer buffer)
    {
        var barrier = new BufferMemoryBarrier
        {
            SType = StructureType.BufferMemoryBarrier,
            SrcAccessMask = AccessFlags.TransferWriteBit,
            DstAccessMask = AccessFlags.HostReadBit,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Buffer = buffer,
            Offset = 0,
            Size = Vk.WholeSize,
        };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 0, null, 1, &barrier, 0, null);
    }
}
