using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Evaluation;

namespace GdpoRealtime.Trainer.Training;

/// <summary>
/// The held-out scores a run logs while it trains: the model as deployed (fixed noise field at strength 1,
/// and at strength 0) on a small evaluation set. Draws nothing from the training's random streams.
/// </summary>
public sealed class HeldOutMonitor(EvaluationSet set, long noiseSeed = 0)
{
    public EvaluationSet Set => set;

    public IReadOnlyDictionary<string, double> Measure(NoiseAwareOneStepModel model, string prefix = "eval_")
    {
        bool wasTraining = model.Network.training;
        model.Network.eval();
        model.InvalidateFoldedTimestep();
        try
        {
            using var withNoise = new NoiseField(noiseSeed, 1.0);
            using var withoutNoise = new NoiseField(noiseSeed, 0.0);
            var noisy = new MethodScores("model", ModelEvaluator.Evaluate(EvaluationMethods.Model(model, withNoise), set));
            var clean = new MethodScores("model", ModelEvaluator.Evaluate(EvaluationMethods.Model(model, withoutNoise), set));
            return new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                [prefix + "psnr_y"] = noisy.PsnrY.Mean,
                [prefix + "psnr_y_noise0"] = clean.PsnrY.Mean,
                [prefix + "smooth_psnr_y"] = noisy.SmoothPsnrY.Mean,
                [prefix + "ssim_y"] = noisy.SsimY.Mean,
                [prefix + "texture"] = noisy.Texture.Mean,
                [prefix + "texture_noise0"] = clean.Texture.Mean,
                [prefix + "detail_ratio"] = noisy.DetailRatio.Mean,
            };
        }
        finally
        {
            if (wasTraining) model.Network.train();
            model.InvalidateFoldedTimestep();
        }
    }

    /// <summary>Bicubic on the same set, for the figure's reference lines.</summary>
    public IReadOnlyDictionary<string, double> MeasureBicubic()
    {
        var bicubic = new MethodScores("bicubic", ModelEvaluator.Evaluate(EvaluationMethods.Bicubic(set.Scale), set));
        return new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["bicubic_psnr_y"] = bicubic.PsnrY.Mean,
            ["bicubic_smooth_psnr_y"] = bicubic.SmoothPsnrY.Mean,
            ["bicubic_texture"] = bicubic.Texture.Mean,
        };
    }
}
