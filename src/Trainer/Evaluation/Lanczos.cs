using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>
/// Lanczos-3 resampling, the stronger classical baseline beside bicubic (what image editors and several engines'
/// spatial upscalers use). Separable: the output is Mh X Mw^T with 6-tap weight matrices built for the exact sizes,
/// half-pixel centres, edge-clamped taps, weights normalised to sum to 1. Hand-written because libtorch has no
/// Lanczos filter.
/// </summary>
public static class Lanczos
{
    private const int Lobes = 3;

    /// <summary>[B, C, h, w] to [B, C, height, width].</summary>
    public static Tensor Resize(Tensor images, int height, int width)
    {
        using var scope = NewDisposeScope();
        var rows = Weights((int)images.shape[2], height).to(images.dtype).to(images.device);
        var columns = Weights((int)images.shape[3], width).to(images.dtype).to(images.device);
        return matmul(matmul(rows, images), columns.t()).MoveToOuterDisposeScope();
    }

    /// <summary>The [output, input] weight matrix of one axis.</summary>
    public static Tensor Weights(int input, int output)
    {
        double scale = output / (double)input;
        // Shrinking widens the kernel over the input (an antialiasing low-pass); enlarging keeps it at 3 lobes.
        double support = scale < 1 ? Lobes / scale : Lobes;
        double stretch = scale < 1 ? scale : 1;
        var matrix = new float[output * input];
        for (int o = 0; o < output; o++)
        {
            double centre = (o + 0.5) / scale - 0.5;
            int first = (int)Math.Floor(centre - support) + 1, last = (int)Math.Floor(centre + support);
            double sum = 0;
            var taps = new List<(int Index, double Weight)>();
            for (int i = first; i <= last; i++)
            {
                double weight = Kernel((centre - i) * stretch);
                if (weight == 0) continue;
                taps.Add((Math.Clamp(i, 0, input - 1), weight));
                sum += weight;
            }
            foreach (var (index, weight) in taps) matrix[o * input + index] += (float)(weight / sum);
        }
        return HostTensors.From(matrix, output, input);
    }

    private static double Kernel(double x)
    {
        x = Math.Abs(x);
        if (x < 1e-12) return 1;
        if (x >= Lobes) return 0;
        double px = Math.PI * x;
        return Lobes * Math.Sin(px) * Math.Sin(px / Lobes) / (px * px);
    }
}
