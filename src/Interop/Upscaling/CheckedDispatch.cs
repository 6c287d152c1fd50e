using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Upscaling;

/// <summary>A dispatch that passed every check, with what the backends need resolved (formats, sizes, layouts).</summary>
internal readonly record struct CheckedDispatch(
    Image Input,
    ImageLayout InputLayout,
    ChannelOrder InputOrder,
    FrameSize RenderSize,
    Image Output,
    ImageLayout OutputLayout,
    ImageLayout OutputFinalLayout,
    ChannelOrder OutputOrder,
    FrameSize DisplaySize,
    NoiseSetting Noise,
    CommandBuffer EngineCommands = default)
{
    /// <summary>
    /// Checks a dispatch against the context before anything is recorded: formats, usage flags, sizes and layouts,
    /// each failure an <see cref="InvalidDispatchException"/> that names the problem and the fix.
    /// </summary>
    /// <param name="noise">The context's noise: the dispatch's own strength and seed replace it where given.</param>
    public static CheckedDispatch From(in VulkanDispatchDescription frame, FrameSize maxRenderSize, FrameSize displaySize, NoiseSetting noise)
    {
        var input = frame.Input;
        var output = frame.Output;
        if (input.Image == 0) throw new InvalidDispatchException("The input image handle is null", "Pass the VkImage the frame was rendered to.");
        if (output.Image == 0) throw new InvalidDispatchException("The output image handle is null", "Pass the display-size VkImage to write the upscaled frame to.");
        if (input.Image == output.Image)
            throw new InvalidDispatchException("The input and output are the same image", "Upscale into a separate display-size image.");
        var inputFormat = VulkanFormats.PixelFormatOf(input.Format, "input");
        var outputFormat = VulkanFormats.PixelFormatOf(output.Format, "output");

        if ((input.Usage & ImageUsageFlags.TransferSrcBit) == 0)
            throw new InvalidDispatchException($"The input image was created without TRANSFER_SRC usage (its usage: {input.Usage})",
                "Add VK_IMAGE_USAGE_TRANSFER_SRC_BIT to the input image's usage: the upscaler copies from it.");
        if ((output.Usage & ImageUsageFlags.TransferDstBit) == 0)
            throw new InvalidDispatchException($"The output image was created without TRANSFER_DST usage (its usage: {output.Usage})",
                "Add VK_IMAGE_USAGE_TRANSFER_DST_BIT to the output image's usage: the upscaler copies into it.");

        var renderSize = frame.RenderSize ?? input.Size;
        if (!renderSize.Fits(input.Size))
            throw new InvalidDispatchException($"Render size {renderSize} is larger than the input image ({input.Size})",
                "Pass the size actually rendered, within the input image.");
        DispatchChecks.RenderSize(renderSize, maxRenderSize);
        if (output.Size != displaySize)
            throw new InvalidDispatchException($"The output image is {output.Size}, but the context's display size is {displaySize}",
                "Pass an output image of the display size, or create a new context for the new size.");
        DispatchChecks.Jitter(frame.JitterOffsetPixels);
        DispatchChecks.NoiseStrength(frame.NoiseStrength);

        if (!VulkanFormats.HoldsContents(input.Layout))
            throw new InvalidDispatchException($"The input image's layout {input.Layout} cannot hold a rendered frame",
                "State the layout the input is in after rendering (for example COLOR_ATTACHMENT_OPTIMAL or SHADER_READ_ONLY_OPTIMAL).");
        if (!Enum.IsDefined(output.Layout) || output.Layout == ImageLayout.Preinitialized)
            throw new InvalidDispatchException($"The output image's layout {output.Layout} is not one the upscaler can transition from",
                "State the output's current layout; UNDEFINED is allowed (its contents are replaced).");
        var finalLayout = frame.OutputFinalLayout ?? output.Layout;
        if (!VulkanFormats.HoldsContents(finalLayout))
            throw new InvalidDispatchException($"The output's final layout {finalLayout} would discard the upscaled frame",
                "Set OutputFinalLayout to the layout the next pass reads it in (for example SHADER_READ_ONLY_OPTIMAL).");

        return new CheckedDispatch(new Image(input.Image), input.Layout, PixelFormats.OrderOf(inputFormat), renderSize,
            new Image(output.Image), output.Layout, finalLayout, PixelFormats.OrderOf(outputFormat), displaySize,
            new NoiseSetting(frame.NoiseSeed ?? noise.Seed, frame.NoiseStrength ?? noise.Strength), new CommandBuffer(frame.CommandBuffer));
    }
}
