namespace GdpoRealtime.Runtime.Model.Portable;

/// <summary>
/// A 3x3 convolution with padding 1 as plain arrays: weights [out][in][3][3] (PyTorch's order) and one bias per output
/// channel, the timestep embedding already added where the network adds it.
/// </summary>
public sealed record PortableConvolution(string Name, int InChannels, int OutChannels, float[] Weights, float[] Bias)
{
    public const int KernelTaps = 9;

    /// <summary>The weight from input channel <paramref name="input"/> to output <paramref name="output"/> at tap (ky, kx).</summary>
    public float Weight(int output, int input, int tap) => Weights[(output * InChannels + input) * KernelTaps + tap];
}
