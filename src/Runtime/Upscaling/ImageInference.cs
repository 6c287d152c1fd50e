using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Tiling;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>
/// Upscales images with a model and a fixed noise field: pads the input to a multiple of the scale's denominator
/// (edge replication), runs the model, and crops the result to the exact output size. 8-bit images go through tiles.
/// </summary>
public sealed class ImageInference(NoiseAwareOneStepModel model, NoiseField noise)
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

    /// <summary>
    /// An 8-bit image upscaled in tiles of <see cref="TiledImageInference.DefaultTileSide"/> (one tile, the whole image, when it is
    /// smaller): no float copy of the image exists, so memory holds the two 8-bit images and one tile's tensors.
    /// </summary>
    public RgbImage Upscale(RgbImage input, string name = "input")
    {
        CheckInputSize(input.Width, input.Height, model.Scale, name);
        var tiler = new TiledImageInference(model, noise);
        var layout = tiler.LayoutFor(input.Width, input.Height);
        var result = new RgbImage(layout.OutputWidth, layout.OutputHeight);
        BandedUpscale.Run(tiler, input, layout, (band, _) => band.Rows.CopyTo(result.Pixels.AsSpan(band.Top * result.Width * 3)));
        return result;
    }

    /// <summary>[1, 3, h, w] in [0, 1] to [1, 3, h*s, w*s], unclipped, in one piece (<see cref="TiledImageInference"/> bounds the memory of large images).</summary>
    public Tensor Upscale(Tensor lowRes)
    {
        var (paddedHeight, paddedWidth) = PaddedSize(model.Scale, (int)lowRes.shape[2], (int)lowRes.shape[3]);
        var field = noise.For(model.LatentShape(paddedHeight, paddedWidth), model.Device, model.DataType);
        return Upscale(model, lowRes, field);
    }

    /// <summary>The input size padded up to a multiple of the scale's denominator.</summary>
    public static (int Height, int Width) PaddedSize(ScaleFactor scale, int height, int width) => (
        height + (scale.Denominator - height % scale.Denominator) % scale.Denominator,
        width + (scale.Denominator - width % scale.Denominator) % scale.Denominator);

    /// <summary>As <see cref="Upscale(Tensor)"/> with a given noise window: strength * eps on the padded input's latent grid, or null for none.</summary>
    public static Tensor Upscale(NoiseAwareOneStepModel model, Tensor lowRes, Tensor? field)
    {
        var scale = model.Scale;
        int height = (int)lowRes.shape[2], width = (int)lowRes.shape[3];
        var (paddedHeight, paddedWidth) = PaddedSize(scale, height, width);
        using var scope = NewDisposeScope();
        var padded = paddedHeight == height && paddedWidth == width ? lowRes
            : nn.functional.pad(lowRes, new long[] { 0, paddedWidth - width, 0, paddedHeight - height }, TorchSharp.PaddingModes.Replicate);
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
