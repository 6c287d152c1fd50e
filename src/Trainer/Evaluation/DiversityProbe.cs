using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Rewards;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>
/// How much the injected noise changes a model's output, the stochasticity GDPO needs (METHOD.md
/// section 1): for each held-out item, G different noises give G outputs; the spread of their PSNR-Y and
/// texture scores and of their pixels is averaged over items, next to the PSNR with noise and without.
/// </summary>
public sealed record DiversityReport(
    int Items, int Noises,
    double PsnrYWithNoise, double PsnrYWithoutNoise,
    double PsnrYSpread, double PsnrYRange,
    double TextureWithNoise, double TextureWithoutNoise,
    double TextureSpread, double TextureRange,
    double PixelSpreadGreyLevels)
{
    public override string ToString() =>
        $"over {Items} held-out items and {Noises} noises each: PSNR-Y {PsnrYWithNoise:F2} dB with noise, {PsnrYWithoutNoise:F2} dB without; " +
        $"per-input spread of PSNR-Y {PsnrYSpread:F3} dB (std; range {PsnrYRange:F3} dB), of texture {TextureSpread:F4} (std; range {TextureRange:F4}); " +
        $"texture {TextureWithNoise:F4} with noise, {TextureWithoutNoise:F4} without; pixel spread {PixelSpreadGreyLevels:F2} grey levels";

    public IReadOnlyDictionary<string, double> Figures => new SortedDictionary<string, double>
    {
        ["diversity_items"] = Items,
        ["diversity_noises"] = Noises,
        ["diversity_psnr_y_noise1"] = Math.Round(PsnrYWithNoise, 3),
        ["diversity_psnr_y_noise0"] = Math.Round(PsnrYWithoutNoise, 3),
        ["diversity_psnr_y_spread_std"] = Math.Round(PsnrYSpread, 4),
        ["diversity_psnr_y_spread_range"] = Math.Round(PsnrYRange, 4),
        ["diversity_texture_noise1"] = Math.Round(TextureWithNoise, 5),
        ["diversity_texture_noise0"] = Math.Round(TextureWithoutNoise, 5),
        ["diversity_texture_spread_std"] = Math.Round(TextureSpread, 5),
        ["diversity_texture_spread_range"] = Math.Round(TextureRange, 5),
        ["diversity_pixel_spread_grey_levels"] = Math.Round(PixelSpreadGreyLevels, 3),
    };
}

public static class DiversityProbe
{
    public static DiversityReport Measure(NoiseAwareOneStepModel model, EvaluationSet set, int noises = 6, ulong seed = 1234, int maxItems = 64)
    {
        if (noises < 2) throw new ArgumentOutOfRangeException(nameof(noises), "A spread needs at least two noises.");
        using var generator = new Generator(seed);
        var items = set.Items.Take(maxItems).ToList();
        double psnrSpread = 0, psnrRange = 0, textureSpread = 0, textureRange = 0, pixelSpread = 0;
        double psnrNoise = 0, psnrClean = 0, textureNoise = 0, textureClean = 0;
        foreach (var item in items)
        {
            using var scope = NewDisposeScope();
            var shape = model.LatentShape((int)item.LowRes.shape[2], (int)item.LowRes.shape[3]);
            shape[0] = noises;
            var eps = randn(shape, generator: generator);
            var low = item.LowRes.expand(noises, -1, -1, -1);
            var outputs = EvaluationMethods.WithNoise(model, low, eps);
            var truth = item.HighRes.expand(noises, -1, -1, -1);
            var mask = item.TextureMask.expand(noises, -1, -1, -1);
            var quality = ImageQuality.Measure(outputs, truth, mask, PsnrComparison.ShaveFor(set.Scale));
            var clean = ImageQuality.Measure(EvaluationMethods.WithNoise(model, item.LowRes, null), item.HighRes, item.TextureMask, PsnrComparison.ShaveFor(set.Scale))[0];
            var psnr = quality.Select(q => q.PsnrY).ToList();
            var texture = quality.Select(q => q.Texture).ToList();
            psnrSpread += StandardDeviation(psnr);
            psnrRange += psnr.Max() - psnr.Min();
            textureSpread += StandardDeviation(texture);
            textureRange += texture.Max() - texture.Min();
            psnrNoise += psnr.Average();
            textureNoise += texture.Average();
            psnrClean += clean.PsnrY;
            textureClean += clean.Texture;
            pixelSpread += ImageMetrics.Quantise(outputs).mul(255.0).std(0).mean().item<float>();
        }
        int n = Math.Max(1, items.Count);
        return new DiversityReport(items.Count, noises, psnrNoise / n, psnrClean / n, psnrSpread / n, psnrRange / n,
            textureNoise / n, textureClean / n, textureSpread / n, textureRange / n, pixelSpread / n);
    }

    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
