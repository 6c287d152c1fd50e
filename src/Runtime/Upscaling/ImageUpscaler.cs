using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>
/// Upscales whole images with a model and a fixed noise field: pads the input to a multiple of the scale's
/// denominator (edge replication), runs the model, and crops the result to the exact output size.
/// </summary>
public sealed class ImageUpscaler(NoiseAwareOneStepModel model, NoiseField noise)
{
    /// <summary>The smallest input side accepted: below this the network's 3x3 context is mostly padding.</summary>
    public const int MinimumInputSide = 8;

    /// <summary>The largest input side accepted (an 8K output at x2).</summary>
    public const int MaximumInputSide = 8192;

    public NoiseAwareOneStepModel Model => model;

    public static void CheckInputSize(int width, int height, ScaleFactor scale, string name)
    {
        if (width < MinimumInputSide || height < MinimumInputSide)
            throw new ImageInputException(
                $"Input image '{name}' is {width}x{height}, smaller than the {MinimumInputSide}x{MinimumInputSide} minimum for scale x{scale}",
                "Use a larger image.");
        if (width > MaximumInputSide || height > MaximumInputSide)
            throw new ImageInputException(
                $"Input image '{name}' is {width}x{height}, larger than the {MaximumInputSide}x{MaximumInputSide} maximum",
                "Split it into tiles or downscale it first.");
    }

    public RgbImage Upscale(RgbImage input, string name = "input")
    {
        var scale = model.Scale;
        CheckInputSize(input.Width, input.Height, scale, name);
        using var scope = NewDisposeScope();
        var lowRes = ImageTensors.ToTensor(input, model.Device, model.DataType);
        var output = Upscale(lowRes);
        return ImageTensors.ToImage(output);
    }

    /// <summary>[1, 3, h, w] in [0, 1] to [1, 3, h*s, w*s], unclipped.</summary>
    public Tensor Upscale(Tensor lowRes)
    {
        var scale = model.Scale;
        int height = (int)lowRes.shape[2], width = (int)lowRes.shape[3];
        int padBottom = (scale.Denominator - height % scale.Denominator) % scale.Denominator;
        int padRight = (scale.Denominator - width % scale.Denominator) % scale.Denominator;
        using var scope = NewDisposeScope();
        var padded = padBottom + padRight == 0 ? lowRes
            : nn.functional.pad(lowRes, new long[] { 0, padRight, 0, padBottom }, TorchSharp.PaddingModes.Replicate);
        int paddedHeight = height + padBottom, paddedWidth = width + padRight;
        var field = noise.For(model.LatentShape(paddedHeight, paddedWidth), model.Device, model.DataType);
        var output = model.Upscale(padded, field);
        int outHeight = scale.OutputSize(height), outWidth = scale.OutputSize(width);
        if (output.shape[2] != outHeight || output.shape[3] != outWidth)
            output = output.narrow(2, 0, outHeight).narrow(3, 0, outWidth);
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>The bicubic baseline at the same output size.</summary>
    public static Tensor Bicubic(Tensor lowRes, ScaleFactor scale) =>
        Resampling.Bicubic(lowRes, scale.OutputSize((int)lowRes.shape[2]), scale.OutputSize((int)lowRes.shape[3]));
}
