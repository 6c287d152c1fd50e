using GdpoRealtime.Runtime.Imaging;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>
/// Full-reference scores restricted to a region of the ground truth (its smooth or its texture pixels), on the Y
/// channel (0-255) inside a shaved border: PSNR, and gradient-magnitude similarity (GMS, Xue et al. 2014: 3x3 Prewitt
/// gradients, (2 g1 g2 + c) / (g1^2 + g2^2 + c), c = 170), which tells whether edges and fine detail sit where the
/// ground truth has them. Neither is a term of the reward: they judge a reward-tuned model from outside.
/// </summary>
public static class RegionScores
{
    /// <summary>GMS's stabiliser for 0-255 images, from the paper.</summary>
    public const double GmsConstant = 170;

    /// <summary>Per-image MSE of Y over the region's pixels: [B] doubles; NaN for an image without such pixels.</summary>
    public static double[] MeanSquaredErrorY(Tensor estimate, Tensor truth, Tensor region, int shave)
    {
        using var scope = NewDisposeScope();
        var error = (ImageMetrics.Luma(estimate) - ImageMetrics.Luma(truth)).to(ScalarType.Float64).square();
        return RegionMean(error, region, shave);
    }

    /// <summary>Per-image mean gradient-magnitude similarity over the region's pixels: [B]; NaN without such pixels.</summary>
    public static double[] GradientMagnitudeSimilarity(Tensor estimate, Tensor truth, Tensor region, int shave)
    {
        using var scope = NewDisposeScope();
        var a = GradientMagnitude(ImageMetrics.Luma(estimate).to(ScalarType.Float64));
        var b = GradientMagnitude(ImageMetrics.Luma(truth).to(ScalarType.Float64));
        var similarity = (a * b * 2 + GmsConstant) / (a.square() + b.square() + GmsConstant);
        return RegionMean(similarity, region, shave);
    }

    /// <summary>Prewitt gradient magnitude (each kernel divided by 3, as the GMSD paper), replicate-padded: [B, 1, H, W].</summary>
    private static Tensor GradientMagnitude(Tensor luma)
    {
        var horizontal = HostTensors.From(new double[] { 1, 0, -1, 1, 0, -1, 1, 0, -1 }, 1, 1, 3, 3).div(3).to(luma.device);
        var vertical = horizontal.transpose(2, 3);
        var padded = nn.functional.pad(luma, new long[] { 1, 1, 1, 1 }, TorchSharp.PaddingModes.Replicate);
        var gx = nn.functional.conv2d(padded, horizontal);
        var gy = nn.functional.conv2d(padded, vertical);
        return (gx.square() + gy.square()).sqrt();
    }

    private static double[] RegionMean(Tensor values, Tensor region, int shave)
    {
        var weights = region.to(ScalarType.Float64);
        if (shave > 0)
        {
            long h = values.shape[2], w = values.shape[3];
            values = values.narrow(2, shave, h - 2 * shave).narrow(3, shave, w - 2 * shave);
            weights = weights.narrow(2, shave, h - 2 * shave).narrow(3, shave, w - 2 * shave);
        }
        var count = weights.sum(new long[] { 1, 2, 3 }).data<double>().ToArray();
        var total = (values * weights).sum(new long[] { 1, 2, 3 }).data<double>().ToArray();
        return count.Select((n, i) => n > 0 ? total[i] / n : double.NaN).ToArray();
    }
}
