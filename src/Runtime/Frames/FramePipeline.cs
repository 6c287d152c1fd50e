using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Frames;

/// <summary>
/// The per-frame work every backend shares, on the model's device: an RGBA8 frame at the render size in
/// <see cref="Input"/>, the network with its fixed noise field, and an RGBA8 frame at the display size in
/// <see cref="Output"/>. Both buffers are allocated once, contiguous, so a backend can copy into and out of
/// their storage directly (<see cref="InputAddress"/>, <see cref="OutputAddress"/>: a device-to-device copy on
/// CUDA, a host copy on the CPU). When the display/render ratio differs from the model's scale, the model's output
/// is resampled to the display size (area filter when shrinking, bicubic when enlarging). Colour values are passed
/// through as encoded (sRGB frames stay sRGB): the model was trained on encoded images. BGRA frames are swizzled on
/// the model's device, so backends copy pixels as they are. A frame runs as one compiled TorchScript function
/// (<see cref="FrameScript"/>); the model's weights must not change while a pipeline exists.
/// </summary>
public sealed class FramePipeline : IDisposable
{
    private readonly NoiseAwareOneStepModel model;
    private readonly ImageUpscaler upscaler;
    private readonly FrameScript? script;
    private bool disposed;

    public FramePipeline(NoiseAwareOneStepModel model, NoiseField noise, FrameSize renderSize, FrameSize displaySize)
    {
        ImageUpscaler.CheckInputSize(renderSize.Width, renderSize.Height, model.Scale, "render target");
        if (displaySize.Width < renderSize.Width || displaySize.Height < renderSize.Height)
            throw new InvalidSettingException($"Display size {displaySize} is smaller than the render size {renderSize}",
                "Render at or below the display size (QualityModes.RenderSize gives the usual sizes).");
        this.model = model;
        upscaler = new ImageUpscaler(model, noise);
        RenderSize = renderSize;
        DisplaySize = displaySize;
        Input = zeros(new long[] { renderSize.Height, renderSize.Width, 4 }, ScalarType.Byte, model.Device).DetachFromDisposeScope();
        Output = full(new long[] { displaySize.Height, displaySize.Width, 4 }, 255, ScalarType.Byte, model.Device).DetachFromDisposeScope();
        // Fresh contiguous tensors start at offset 0 of their storage, so the storage's address is the first pixel's.
        InputAddress = Input.storage<byte>().data_ptr();
        OutputAddress = Output.storage<byte>().data_ptr();
        int paddedHeight = renderSize.Height + (model.Scale.Denominator - renderSize.Height % model.Scale.Denominator) % model.Scale.Denominator;
        int paddedWidth = renderSize.Width + (model.Scale.Denominator - renderSize.Width % model.Scale.Denominator) % model.Scale.Denominator;
        var field = noise.For(model.LatentShape(paddedHeight, paddedWidth), model.Device, model.DataType);
        try
        {
            script = new FrameScript(model, field, Input, Output, renderSize, displaySize);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A libtorch without TorchScript support still upscales, through the eager path.
            CompileError = e.Message;
        }
    }

    /// <summary>True when frames run as one compiled TorchScript function (see <see cref="FrameScript"/>), false on the eager path.</summary>
    public bool IsCompiled => script is not null;

    /// <summary>Why the frame function could not be compiled, or null.</summary>
    public string? CompileError { get; }

    public FrameSize RenderSize { get; }
    public FrameSize DisplaySize { get; }
    public Device Device => model.Device;
    public ScalarType DataType => model.DataType;
    public bool IsCuda => model.Device.type == TorchSharp.DeviceType.CUDA;

    /// <summary>The frame to upscale: [render height, render width, 4] bytes (RGBA or BGRA), on the model's device.</summary>
    public Tensor Input { get; }

    /// <summary>The upscaled frame: [display height, display width, 4] bytes (alpha 255), on the model's device.</summary>
    public Tensor Output { get; }

    /// <summary>Address of <see cref="Input"/>'s first byte: a host address on the CPU, a CUDA device address on CUDA.</summary>
    public nint InputAddress { get; }

    /// <summary>Address of <see cref="Output"/>'s first byte: a host address on the CPU, a CUDA device address on CUDA.</summary>
    public nint OutputAddress { get; }

    /// <summary>Bytes of <see cref="Input"/>: rows of render width x 4, no padding.</summary>
    public long InputBytes => RenderSize.Pixels * PixelFormats.BytesPerPixel;

    /// <summary>Bytes of <see cref="Output"/>: rows of display width x 4, no padding.</summary>
    public long OutputBytes => DisplaySize.Pixels * PixelFormats.BytesPerPixel;

    /// <summary>Upscales an RGBA <see cref="Input"/> into an RGBA <see cref="Output"/>.</summary>
    public void Execute() => Execute(ChannelOrder.Rgba, ChannelOrder.Rgba);

    /// <summary>
    /// Upscales <see cref="Input"/> into <see cref="Output"/>, reading and writing the given channel orders.
    /// Asynchronous on CUDA: the work is queued on the current (default) stream and the caller synchronises.
    /// </summary>
    public void Execute(ChannelOrder input, ChannelOrder output)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (script is not null) script.Run(input, output);
        else ExecuteEager(input, output);
    }

    /// <summary>The same computation op by op through TorchSharp: the reference the compiled function is held to.</summary>
    internal void ExecuteEager(ChannelOrder input, ChannelOrder output)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var colour = Input.narrow(2, 0, 3);
        if (input == ChannelOrder.Bgra) colour = colour.flip(2);
        var lowRes = colour.permute(2, 0, 1).unsqueeze(0).to(model.DataType).div_(255.0);
        var upscaled = upscaler.Upscale(lowRes);
        if (upscaled.shape[2] != DisplaySize.Height || upscaled.shape[3] != DisplaySize.Width)
            upscaled = Resize(upscaled);
        var bytes = upscaled.clamp_(0.0, 1.0).mul_(255.0).round_().to(ScalarType.Byte)[0].permute(1, 2, 0);
        if (output == ChannelOrder.Bgra) bytes = bytes.flip(2);
        Output.narrow(2, 0, 3).copy_(bytes);
    }

    private Tensor Resize(Tensor frame)
    {
        bool shrinking = frame.shape[2] >= DisplaySize.Height && frame.shape[3] >= DisplaySize.Width;
        var size = new long[] { DisplaySize.Height, DisplaySize.Width };
        return shrinking
            ? nn.functional.interpolate(frame, size: size, mode: InterpolationMode.Area)
            : nn.functional.interpolate(frame, size: size, mode: InterpolationMode.Bicubic, align_corners: false);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        script?.Dispose();
        Input.Dispose();
        Output.Dispose();
    }
}
