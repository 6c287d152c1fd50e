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
    /// <summary>Y-channel PSNR on the ground truth's texture regions only (NaN when it has none).</summary>
    public double TexturePsnrY { get; init; } = double.NaN;

    /// <summary>Gradient-magnitude similarity on the ground truth's texture regions (1 = the same edges and detail; NaN without texture).</summary>
    public double TextureGms { get; init; } = double.NaN;

    /// <summary>Measures [B, 3, H, W] estimates against their ground truths and texture masks (8-bit rounded, as written to files).</summary>
    public static IReadOnlyList<ImageQuality> Measure(Tensor estimate, Tensor truth, Tensor textureMask, int shave)
    {
        using var scope = NewDisposeScope();
        var ours = ImageMetrics.Quantise(estimate.detach().to(ScalarType.Float32).cpu());
        var theirs = ImageMetrics.Quantise(truth.to(ScalarType.Float32).cpu());
        var mask = textureMask.to(ScalarType.Float32).cpu();
        var mse = ImageMetrics.MeanSquaredErrorY(ours, theirs, shave).data<double>().ToArray();
        var ssim = Ssim.Y(ours, theirs, shave).data<double>().ToArray();
        var smooth = RegionScores.MeanSquaredErrorY(ours, theirs, mask.neg().add(1.0), shave);
        var textured = RegionScores.MeanSquaredErrorY(ours, theirs, mask, shave);
        var gms = RegionScores.GradientMagnitudeSimilarity(ours, theirs, mask, shave);
        var texture = TextureScore.Compute(ours, theirs, mask).data<float>().ToArray();
        var ratio = TextureScore.DetailRatio(ours, theirs, mask).data<float>().ToArray();
        var fraction = RegionSplit.TextureFraction(mask).data<float>().ToArray();
        var result = new List<ImageQuality>();
        for (int i = 0; i < mse.Length; i++)
            result.Add(new ImageQuality(ImageMetrics.Psnr(mse[i]), ssim[i], PsnrOrNaN(smooth[i]), texture[i], ratio[i], fraction[i])
            {
                TexturePsnrY = PsnrOrNaN(textured[i]), TextureGms = gms[i],
            });
        return result;
    }

    private static double PsnrOrNaN(double mse) => double.IsNaN(mse) ? double.NaN : ImageMetrics.Psnr(mse);
}
