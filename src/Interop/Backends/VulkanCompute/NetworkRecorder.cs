using System.Numerics;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>
/// Records one frame of the network into a command buffer, in the frame's three steps (copy in, network, copy out:
/// <see cref="VulkanComputeBackend"/> supplies them as its steps in the sequencer's order), with only the barriers between dependent steps: the
/// engine's input image copied into the frame buffer (its earlier writes waited for, its layout restored), the head,
/// each convolution of the body, the tail (and the resampler when the display/render ratio is not the model's scale),
/// then the pixels copied into the engine's output image and left in its final layout. Work the engine records after
/// it sees the output (the last barrier's second scope is every later command). Allocates nothing.
/// </summary>
internal static unsafe class NetworkRecorder
{
    /// <summary>Timestamps a frame writes when a query pool is given: start, network start, network end, end.</summary>
    public const int TimestampsPerFrame = 4;

    /// <summary>The frame's first step: the engine's input copied into the frame buffer, between timestamps 0 and 1 (<paramref name="timestamps"/> may be null).</summary>
    public static void RecordCopyIn(VulkanComputeNetwork network, CommandBuffer cmd, in CheckedDispatch frame, TimestampQueries? timestamps, int slot)
    {
        timestamps?.Reset(cmd, slot);
        timestamps?.Write(cmd, slot, 0, PipelineStageFlags.TopOfPipeBit);
        RecordCopyIn(network.Device.Vk, cmd, frame, network.FrameBytes);
        timestamps?.Write(cmd, slot, 1, PipelineStageFlags.TransferBit);
    }

    /// <summary>The frame's network: every pass, ending with the pixels ready to copy, then timestamp 2.</summary>
    public static void RecordNetwork(VulkanComputeNetwork network, CommandBuffer cmd, in CheckedDispatch frame, TimestampQueries? timestamps, int slot)
    {
        var geometry = NetworkGeometry.For(network.Network.Scale, frame.RenderSize, frame.DisplaySize);
        RecordPasses(network, cmd, geometry, frame.InputOrder, frame.OutputOrder, keepImage: false, frame.Noise.Strength);
        ComputeToTransfer(network.Device.Vk, cmd);
        timestamps?.Write(cmd, slot, 2, PipelineStageFlags.ComputeShaderBit);
    }

    /// <summary>The frame's last step: the pixels copied into the engine's output, then timestamp 3.</summary>
    public static void RecordCopyOut(VulkanComputeNetwork network, CommandBuffer cmd, in CheckedDispatch frame, TimestampQueries? timestamps, int slot)
    {
        RecordCopyOut(network.Device.Vk, cmd, frame, network.Pixels);
        timestamps?.Write(cmd, slot, 3, PipelineStageFlags.TransferBit);
    }

    /// <summary>
    /// The network's passes for a frame already in the frame buffer. With <paramref name="keepImage"/> the tail writes
    /// the unclipped float output into the image buffer and stops there (tests read it back); otherwise the pixels
    /// buffer ends with the display frame. <paramref name="noiseStrength"/> scales the network's window of eps, through
    /// the head's noise coefficient (a push constant), so a frame's strength costs nothing to change.
    /// </summary>
    public static void RecordPasses(VulkanComputeNetwork network, CommandBuffer cmd, NetworkGeometry geometry, ChannelOrder input, ChannelOrder output, bool keepImage,
        double noiseStrength)
    {
        var vk = network.Device.Vk;
        var noiseGrid = network.MaxGeometry.Grid;
        bool resample = geometry.Resamples && !keepImage;
        var push = new NetworkPush
        {
            Grid = new Int4(geometry.Grid.Width, geometry.Grid.Height, network.PlaneStride, 0),
            Frame = new Int4(geometry.Render.Width, geometry.Render.Height, geometry.Padded.Width, geometry.Padded.Height),
            Sizes = new Int4(geometry.ModelOutput.Width, geometry.ModelOutput.Height, geometry.Display.Width, geometry.Display.Height),
            Options = new Int4(keepImage || geometry.Resamples ? NetworkLayout.OutputImage : NetworkLayout.OutputPixels,
                input == ChannelOrder.Bgra ? 1 : 0, output == ChannelOrder.Bgra ? 1 : 0, geometry.Shrinks ? 1 : 0),
            Noise = new Int4(noiseGrid.Width, noiseGrid.Width * noiseGrid.Height, 0, 0),
            // sqrt(1 - abar) * strength: at strength 1 exactly the schedule's coefficient, as before strengths were per frame.
            Schedule = new Vector4(network.Network.SignalScale, network.Network.NoiseScale * (float)noiseStrength, 0, 0),
        };
        int width = geometry.Grid.Width, height = geometry.Grid.Height;
        TransferToCompute(vk, cmd);
        network.Head.Record(cmd, push, width, height);
        var body = network.Body;
        for (int i = 0; i < body.Count; i++)
        {
            ComputeToCompute(vk, cmd);
            body[i].Record(cmd, push, width, height);
        }
        ComputeToCompute(vk, cmd);
        network.Tail.Record(cmd, push, width, height);
        if (resample)
        {
            ComputeToCompute(vk, cmd);
            network.Resample.Record(cmd, push, geometry.Display.Width, geometry.Display.Height);
        }
    }

    /// <summary>Input to a transfer layout (after all its earlier writes), its render region into the frame buffer, input back to its layout.</summary>
    private static void RecordCopyIn(Vk vk, CommandBuffer cmd, in CheckedDispatch frame, GpuBuffer frameBytes)
    {
        var copyLayout = frame.InputLayout is ImageLayout.TransferSrcOptimal or ImageLayout.General ? frame.InputLayout : ImageLayout.TransferSrcOptimal;
        ImageBarriers.Transition(vk, cmd, frame.Input, frame.InputLayout, copyLayout,
            AccessFlags.MemoryWriteBit, PipelineStageFlags.AllCommandsBit, AccessFlags.TransferReadBit, PipelineStageFlags.TransferBit);
        var region = new BufferImageCopy
        {
            ImageSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
            ImageExtent = new Extent3D((uint)frame.RenderSize.Width, (uint)frame.RenderSize.Height, 1),
        };
        vk.CmdCopyImageToBuffer(cmd, frame.Input, copyLayout, frameBytes.Handle, 1, &region);
        ImageBarriers.Transition(vk, cmd, frame.Input, copyLayout, frame.InputLayout,
            0, PipelineStageFlags.TransferBit, AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit, PipelineStageFlags.AllCommandsBit);
    }

    /// <summary>Output to TRANSFER_DST (its contents discarded: every pixel is written), the pixels copied in, output to its final layout.</summary>
    private static void RecordCopyOut(Vk vk, CommandBuffer cmd, in CheckedDispatch frame, GpuBuffer pixels)
    {
        ImageBarriers.Transition(vk, cmd, frame.Output, ImageLayout.Undefined, ImageLayout.TransferDstOptimal,
            AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit, PipelineStageFlags.AllCommandsBit, AccessFlags.TransferWriteBit, PipelineStageFlags.TransferBit);
        var region = new BufferImageCopy
        {
            ImageSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
            ImageExtent = new Extent3D((uint)frame.DisplaySize.Width, (uint)frame.DisplaySize.Height, 1),
        };
        vk.CmdCopyBufferToImage(cmd, pixels.Handle, frame.Output, ImageLayout.TransferDstOptimal, 1, &region);
        ImageBarriers.Transition(vk, cmd, frame.Output, ImageLayout.TransferDstOptimal, frame.OutputFinalLayout,
            AccessFlags.TransferWriteBit, PipelineStageFlags.TransferBit, AccessFlags.MemoryReadBit | AccessFlags.MemoryWriteBit, PipelineStageFlags.AllCommandsBit);
    }

    /// <summary>The frame's bytes (and the previous frame's output copy, which the passes overwrite) before the passes.</summary>
    private static void TransferToCompute(Vk vk, CommandBuffer cmd) =>
        Barrier(vk, cmd, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit, PipelineStageFlags.ComputeShaderBit,
            AccessFlags.ShaderReadBit | AccessFlags.ShaderWriteBit);

    /// <summary>A pass's writes before the next pass reads them (and its reads before the next pass overwrites them).</summary>
    private static void ComputeToCompute(Vk vk, CommandBuffer cmd) =>
        Barrier(vk, cmd, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit,
            AccessFlags.ShaderReadBit | AccessFlags.ShaderWriteBit);

    /// <summary>The pixels (or the float image) written before they are copied out or read back.</summary>
    public static void ComputeToTransfer(Vk vk, CommandBuffer cmd) =>
        Barrier(vk, cmd, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.TransferBit, AccessFlags.TransferReadBit);

    private static void Barrier(Vk vk, CommandBuffer cmd, PipelineStageFlags sourceStage, AccessFlags sourceAccess, PipelineStageFlags targetStage, AccessFlags targetAccess)
    {
        var barrier = new MemoryBarrier { SType = StructureType.MemoryBarrier, SrcAccessMask = sourceAccess, DstAccessMask = targetAccess };
        vk.CmdPipelineBarrier(cmd, sourceStage, targetStage, 0, 1, &barrier, 0, null, 0, null);
    }
}
