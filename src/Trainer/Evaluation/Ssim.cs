using GdpoRealtime.Runtime.Imaging;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>
/// SSIM of the Y channel (Wang et al. 2004, as the SR literature reports it: 8-bit Y on the 16-235 scale,
/// an 11x11 Gaussian window with sigma 1.5, K1 = 0.01, K2 = 0.03, valid windows only). Hand-written: no
/// served .NET package computes it on tensors.
/// </summary>
public static class Ssim
{
    private const int WindowSize = 11;
    private const double Sigma = 1.5;
    private const double C1 = 0.01 * 255 * 0.01 * 255;
    private const double C2 = 0.03 * 255 * 0.03 * 255;

    /// <summary>Per-image SSIM-Y of [B, 3, H, W] images in [0, 1], ignoring a border of <paramref name="shave"/> pixels: [B] float64.</summary>
    public static Tensor Y(Tensor estimate, Tensor reference, int shave = 0)
    {
        using var scope = NewDisposeScope();
        var a = ImageMetrics.Luma(ImageMetrics.Quantise(estimate.detach())).to(ScalarType.Float64);
        var b = ImageMetrics.Luma(ImageMetrics.Quantise(reference.detach())).to(ScalarType.Float64);
        if (shave > 0)
        {
            long h = a.shape[2], w = a.shape[3];
            a = a.narrow(2, shave, h - 2 * shave).narrow(3, shave, w - 2 * shave);
            b = b.narrow(2, shave, h - 2 * shave).narrow(3, shave, w - 2 * shave);
        }
        if (a.shape[2] < WindowSize || a.shape[3] < WindowSize)
            throw new ArgumentException($"SSIM needs images of at least {WindowSize}x{WindowSize} pixels after the border is removed.");
        var window = Window(a.device);
        Tensor Filter(Tensor x) => nn.functional.conv2d(x, window);
        var meanA = Filter(a);
        var meanB = Filter(b);
        var varianceA = Filter(a * a) - meanA * meanA;
        var varianceB = Filter(b * b) - meanB * meanB;
        var covariance = Filter(a * b) - meanA * meanB;
        var map = (meanA * meanB * 2 + C1) * (covariance * 2 + C2) / ((meanA * meanA + meanB * meanB + C1) * (varianceA + varianceB + C2));
        return map.mean(new long[] { 1, 2, 3 }).MoveToOuterDisposeScope();
    }

    private static Tensor Window(Device device)
    {
        var weights = new double[WindowSize];
        double sum = 0;
        for (int i = 0; i < WindowSize; i++)
        {
            double x = i - WindowSize / 2;
            sum += weights[i] = Math.Exp(-x * x / (2 * Sigma * Sigma));
        }
        var line = HostTensors.From(weights.Select(w => w / sum).ToArray()).to(device);
        return line.outer(line).reshape(1, 1, WindowSize, WindowSize);
    }
}
