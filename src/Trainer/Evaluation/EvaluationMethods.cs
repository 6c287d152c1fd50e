using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>A way to upscale a [B, 3, h, w] batch (in [0, 1], on the CPU) to [B, 3, H, W] on the CPU.</summary>
public delegate Tensor BatchMethod(Tensor lowRes);

/// <summary>The methods evaluations compare: bicubic, Lanczos and models with a fixed noise field.</summary>
public static class EvaluationMethods
{
    public static BatchMethod Bicubic(ScaleFactor scale) => low => ImageInference.Bicubic(low, scale);

    public static BatchMethod Lanczos(ScaleFactor scale) => low =>
        Evaluation.Lanczos.Resize(low, scale.OutputSize((int)low.shape[2]), scale.OutputSize((int)low.shape[3]));

    /// <summary>The model as deployed: the fixed noise field of the given seed and strength, the folded timestep.</summary>
    public static BatchMethod Model(NoiseAwareOneStepModel model, NoiseField noise) => low =>
    {
        using var scope = NewDisposeScope();
        var onDevice = low.to(model.Device).to(model.DataType);
        var field = noise.For(model.LatentShape((int)low.shape[2], (int)low.shape[3]), model.Device, model.DataType);
        var output = model.Upscale(onDevice, field);
        return output.to(ScalarType.Float32).cpu().MoveToOuterDisposeScope();
    };

    /// <summary>The model with a given noise per image ([B, 3p^2, h, w], eps already scaled), for diversity probes.</summary>
    public static Tensor WithNoise(NoiseAwareOneStepModel model, Tensor lowRes, Tensor? noise)
    {
        using var scope = NewDisposeScope();
        var output = model.Upscale(lowRes.to(model.Device).to(model.DataType), noise?.to(model.Device).to(model.DataType));
        return output.to(ScalarType.Float32).cpu().MoveToOuterDisposeScope();
    }
}
