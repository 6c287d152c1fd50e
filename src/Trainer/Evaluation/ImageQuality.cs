using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Trainer.Rewards;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>The quality of one upscaled image against its ground truth.</summary>
/// <param name="PsnrY">Y-channel PSNR, dB.</param>
/// <param name="SsimY">Y-channel SSIM.</param>
/// <param name="SmoothPsnrY">Y-channel PSNR on the ground truth's smooth regions only (NaN when it has none).</param>
/// <param name="Texture">The reward's texture score on the ground truth's texture regions (1 = the ground truth's).</param>
/// <param name="DetailRatio">Fine-detail energy over the ground truth's in texture regions (below 1 blur, above 1 noise or ringing).</param>
/// <param name="TextureFraction">The ground truth's texture pixel fraction.</param>
public sealed record ImageQuality(double PsnrY, double SsimY, double SmoothPsnrY, double Texture, double DetailRatio, double TextureFraction)
{
    /// <summary>Measures [B, 3, H, W] estimates against their ground truths and texture masks (8-bit rounded, as written to files).</summary>
    public static IReadOnlyList<ImageQuality> Measure(Tensor estimate, Tensor truth, Tensor textureMask, int shave)
    {
        using var scope = NewDisposeScope();
        var ours = ImageMetrics.Quantise(estimate.detach().to(ScalarType.Float32).cpu());
        var theirs = ImageMetrics.Quantise(truth.to(ScalarType.Float32).cpu());
        var mask = textureMask.to(ScalarType.Float32).cpu();
        var mse = ImageMetrics.MeanSquaredErrorY(ours, theirs, shave).data<double>().ToArray();
        var ssim = Ssim.Y(ours, theirs, shave).data<double>().ToArray();
        var smooth = SmoothMse(ours, theirs, mask, shave);
        var texture = TextureScore.Compute(ours, theirs, mask).data<float>().ToArray();
        var ratio = TextureScore.DetailRatio(ours, theirs, mask).data<float>().ToArray();
        var fraction = RegionSplit.TextureFraction(mask).data<float>().ToArray();
        var result = new List<ImageQuality>();
        for (int i = 0; i < mse.Length; i++)
            result.Add(new ImageQuality(ImageMetrics.Psnr(mse[i]), ssim[i], double.IsNaN(smooth[i]) ? double.NaN : ImageMetrics.Psnr(smooth[i]),
                texture[i], ratio[i], fraction[i]));
        return result;
    }

    /// <summary>MSE of Y (0-255 scale) over smooth pixels inside the shaved border; NaN for images without smooth pixels.</summary>
    private static double[] SmoothMse(Tensor estimate, Tensor truth, Tensor textureMask, int shave)
    {
        using var scope = NewDisposeScope();
        var error = (ImageMetrics.Luma(estimate) - ImageMetrics.Luma(truth)).to(ScalarType.Float64).square();
        var smooth = textureMask.neg().add(1.0).to(ScalarType.Float64);
        if (shave > 0)
        {
            long h = error.shape[2], w = error.shape[3];
            error = error.narrow(2, shave, h - 2 * shave).narrow(3, shave, w - 2 * shave);
            smooth = smooth.narrow(2, shave, h - 2 * shave).narrow(3, shave, w - 2 * shave);
        }
        var count = smooth.sum(new long[] { 1, 2, 3 }).data<double>().ToArray();
        var total = (error * smooth).sum(new long[] { 1, 2, 3 }).data<double>().ToArray();
        return count.Select((n, i) => n > 0 ? total[i] / n : double.NaN).ToArray();
    }
}
