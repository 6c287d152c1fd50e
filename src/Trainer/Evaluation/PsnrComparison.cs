using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Trainer.Data;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>Mean PSNR-Y of a model and of bicubic on the same pairs.</summary>
public sealed record PsnrComparison(double ModelPsnrY, double BicubicPsnrY, int Images)
{
    public double GainDb => ModelPsnrY - BicubicPsnrY;

    /// <summary>Border pixels left out of the metric: the scale, rounded up, as in the SR literature.</summary>
    public static int ShaveFor(ScaleFactor scale) => (int)Math.Ceiling(scale.Value);

    public static PsnrComparison Measure(NoiseAwareOneStepModel model, IReadOnlyList<PairBatch> pairs, NoiseField noise)
    {
        var upscaler = new ImageInference(model, noise);
        int shave = ShaveFor(model.Scale);
        double ours = 0, bicubic = 0;
        foreach (var pair in pairs)
        {
            using var scope = NewDisposeScope();
            var low = pair.LowRes.to(model.Device).to(model.DataType);
            var estimate = upscaler.Upscale(low).to(ScalarType.Float32).cpu();
            var baseline = ImageInference.Bicubic(pair.LowRes.to(ScalarType.Float32).cpu(), model.Scale);
            ours += ImageMetrics.PsnrY(estimate, pair.HighRes, shave);
            bicubic += ImageMetrics.PsnrY(baseline, pair.HighRes, shave);
        }
        int n = Math.Max(1, pairs.Count);
        return new PsnrComparison(ours / n, bicubic / n, pairs.Count);
    }
}
