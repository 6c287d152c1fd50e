using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Trainer.Export;

/// <summary>
/// Runs an exported graph in ONNX Runtime and the model in TorchSharp on the same frame and noise window, and measures
/// how far apart they are. Every export is checked so before it is written: a graph that does not compute the model
/// never leaves the exporter.
/// </summary>
public static class OnnxExportCheck
{
    /// <summary>The largest absolute difference accepted, on outputs in about [0, 1]: float rounding is near 1e-6.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>The largest |ONNX Runtime - TorchSharp| over the output of one frame (noise from the model's own field).</summary>
    public static double MaxDifference(NoiseAwareOneStepModel model, OnnxRuntimeModel onnx, float[] lowRes, int height, int width, long seed, double strength)
    {
        if (onnx.Scale != model.Scale)
            throw new ArgumentException($"The ONNX model upscales x{onnx.Scale}, the model x{model.Scale}.");
        var (expected, noise) = Reference(model, lowRes, height, width, seed, strength);
        var actual = onnx.Run(lowRes, 1, height, width, noise);
        double max = 0;
        for (int i = 0; i < actual.Length; i++) max = Math.Max(max, Math.Abs((double)actual[i] - expected[i]));
        return max;
    }

    /// <summary>The check every export gets: a frame of odd size (multiples of q), full noise, against the tolerance.</summary>
    public static OnnxCheckResult Check(NoiseAwareOneStepModel model, byte[] exported)
    {
        int q = model.Scale.Denominator, height = 11 * q, width = 13 * q;
        var frame = ProbeFrame(height, width);
        using var onnx = new OnnxRuntimeModel(exported, threads: 1);
        double strength = onnx.HasNoiseInput ? 1.0 : 0.0;
        double difference = MaxDifference(model, onnx, frame, height, width, seed: 0, strength);
        if (!(difference <= Tolerance))
            throw new GdpoRealtimeException(
                $"The exported ONNX graph does not compute the model: it differs by {difference:G3} (more than {Tolerance:G1}) on a {width}x{height} frame",
                "This is a bug in GdpoRealtime's exporter; please report it with the model file.");
        return new OnnxCheckResult(width, height, strength, difference);
    }

    /// <summary>TorchSharp's output for the frame, and the noise window it used (null for strength 0).</summary>
    public static (float[] Output, float[]? Noise) Reference(NoiseAwareOneStepModel model, float[] lowRes, int height, int width, long seed, double strength)
    {
        using var scope = NewDisposeScope();
        using var field = new NoiseField(seed, strength);
        var noise = field.For(model.LatentShape(height, width), model.Device, model.DataType);
        var input = HostTensors.From(lowRes, 1, 3, height, width).to(model.Device).to(model.DataType);
        var output = model.Upscale(input, noise).to(CPU).to(ScalarType.Float32).contiguous();
        float[]? noiseValues = noise?.to(CPU).to(ScalarType.Float32).contiguous().data<float>().ToArray();
        return (output.data<float>().ToArray(), noiseValues);
    }

    /// <summary>A frame with edges, gradients and fine texture, the same on every machine (no random generator state is touched).</summary>
    public static float[] ProbeFrame(int height, int width)
    {
        var frame = new float[3 * height * width];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    double ramp = (x + 2.0 * y) / (width + 2.0 * height);
                    double stripes = ((x / 3 + y / 2 + c) % 2) * 0.35;
                    double fine = 0.15 * Math.Sin(1.7 * x * (c + 1) + 0.9 * y);
                    frame[(c * height + y) * width + x] = (float)Math.Clamp(0.2 * ramp + stripes + 0.3 + fine, 0, 1);
                }
        return frame;
    }
}

/// <summary>How an export was checked: the frame size, the noise strength and the largest difference found.</summary>
public sealed record OnnxCheckResult(int Width, int Height, double NoiseStrength, double MaxDifference);
