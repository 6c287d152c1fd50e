using GdpoRealtime.Runtime.Model;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Tests.Trainer.Export;

/// <summary>Models for the export tests: randomly initialised at any scale, their tail randomised too so that every layer shows in the output.</summary>
public static class ExportModels
{
    public static NoiseAwareOneStepModel Random(ScaleFactor scale, long seed, int channels = 8, int blocks = 2)
    {
        manual_seed(seed);
        var model = new NoiseAwareOneStepModel(ModelArchitecture.For(scale, channels, blocks));
        using (no_grad())
            foreach (var (name, parameter) in model.Network.named_parameters())
                if (name.StartsWith("tail", StringComparison.Ordinal)) parameter.copy_(randn(parameter.shape) * 0.1);
        model.InvalidateFoldedTimestep();
        model.Network.eval();
        return model;
    }

    /// <summary>A frame of uniform random values in [0, 1] (values a renderer could give, with no structure to hide errors).</summary>
    public static float[] Frame(int batch, int height, int width, int seed)
    {
        var random = new Random(seed);
        var values = new float[batch * 3 * height * width];
        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        return values;
    }

    /// <summary>TorchSharp's output of <see cref="NoiseAwareOneStepModel.Upscale"/> for a batch and its noise (null: none).</summary>
    public static float[] TorchOutput(NoiseAwareOneStepModel model, float[] frames, int batch, int height, int width, float[]? noise)
    {
        using var scope = NewDisposeScope();
        var input = HostTensors.From(frames, batch, 3, height, width);
        var latentShape = model.LatentShape(height, width);
        latentShape[0] = batch;
        var noiseTensor = noise is null ? null : HostTensors.From(noise, latentShape);
        return model.Upscale(input, noiseTensor).contiguous().data<float>().ToArray();
    }

    public static double MaxAbsDifference(float[] a, float[] b)
    {
        Assert.That(a, Has.Length.EqualTo(b.Length), "output sizes differ");
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        return max;
    }
}
