using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>Full-reference quality metrics on [B, 3, H, W] tensors in [0, 1].</summary>
public static class ImageMetrics
{
    /// <summary>Luma of ITU-R BT.601 on the 16-235 scale (MATLAB's rgb2ycbcr, the SR literature's convention), in [0, 255].</summary>
    public static Tensor Luma(Tensor rgb)
    {
        using var r = rgb.narrow(1, 0, 1);
        using var g = rgb.narrow(1, 1, 1);
        using var b = rgb.narrow(1, 2, 1);
        return (r * 65.481 + g * 128.553 + b * 24.966).add_(16.0);
    }

    /// <summary>PSNR of the Y channel (peak 255) after rounding both images to 8 bits, ignoring a border of <paramref name="shave"/> pixels.</summary>
    public static double PsnrY(Tensor estimate, Tensor reference, int shave = 0)
    {
        using var scope = NewDisposeScope();
        var mse = MeanSquaredErrorY(estimate, reference, shave);
        return Psnr(mse.item<double>());
    }

    /// <summary>Per-image MSE of Y on the 0-255 scale: [B].</summary>
    public static Tensor MeanSquaredErrorY(Tensor estimate, Tensor reference, int shave = 0)
    {
        using var scope = NewDisposeScope();
        var a = Luma(Quantise(estimate)).to(ScalarType.Float64);
        var b = Luma(Quantise(reference)).to(ScalarType.Float64);
        if (shave > 0)
        {
            long h = a.shape[2], w = a.shape[3];
            a = a.narrow(2, shave, h - 2 * shave).narrow(3, shave, w - 2 * shave);
            b = b.narrow(2, shave, h - 2 * shave).narrow(3, shave, w - 2 * shave);
        }
        return (a - b).square().mean(new long[] { 1, 2, 3 }).MoveToOuterDisposeScope();
    }

    public static double Psnr(double mse) => mse <= 1e-12 ? 100.0 : 10.0 * Math.Log10(255.0 * 255.0 / mse);

    /// <summary>Clamps to [0, 1] and rounds to the 8-bit grid, as written to a file.</summary>
    public static Tensor Quantise(Tensor images) => images.clamp(0.0, 1.0).mul(255.0).round().div(255.0);
}
