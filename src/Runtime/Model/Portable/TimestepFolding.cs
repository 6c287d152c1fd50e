using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Model.Network;

namespace GdpoRealtime.Runtime.Model.Portable;

/// <summary>
/// The timestep embedding of <see cref="CompactDenoiser.TimestepBiases"/> in plain C#: sinusoidal embedding of t_diff,
/// Linear, SiLU, Linear, one bias per channel of each residual block. t_diff is fixed at inference, so the result is
/// added to the bias of each block's first convolution once, when the network is loaded.
/// </summary>
public static class TimestepFolding
{
    /// <summary>The per-block biases [blocks][channels] for <paramref name="timestep"/>.</summary>
    public static float[][] Biases(LoadedCheckpoint checkpoint, ModelArchitecture architecture, int timestep)
    {
        int channels = architecture.Channels, width = architecture.TimestepEmbeddingWidth;
        int outputs = Math.Max(1, architecture.ResidualBlocks) * channels;
        var inWeight = checkpoint.Tensor("embedIn.weight").ValuesOfShape(checkpoint.Source, channels, width);
        var inBias = checkpoint.Tensor("embedIn.bias").ValuesOfShape(checkpoint.Source, channels);
        var outWeight = checkpoint.Tensor("embedOut.weight").ValuesOfShape(checkpoint.Source, outputs, channels);
        var outBias = checkpoint.Tensor("embedOut.bias").ValuesOfShape(checkpoint.Source, outputs);

        var embedding = SinusoidalEmbedding.Values(timestep, width);
        var hidden = Linear(embedding, inWeight, inBias);
        for (int i = 0; i < hidden.Length; i++) hidden[i] = Silu(hidden[i]);
        var flat = Linear(hidden, outWeight, outBias);
        var biases = new float[architecture.ResidualBlocks][];
        for (int block = 0; block < biases.Length; block++) biases[block] = flat.AsSpan(block * channels, channels).ToArray();
        return biases;
    }

    /// <summary>y = W x + b with W [outputs][inputs], accumulated in double and rounded once (libtorch rounds per step: the difference is below 1e-6).</summary>
    private static float[] Linear(float[] x, float[] weight, float[] bias)
    {
        var y = new float[bias.Length];
        for (int j = 0; j < y.Length; j++)
        {
            double sum = bias[j];
            for (int i = 0; i < x.Length; i++) sum += (double)weight[j * x.Length + i] * x[i];
            y[j] = (float)sum;
        }
        return y;
    }

    private static float Silu(float x) => (float)(x / (1.0 + Math.Exp(-x)));
}
