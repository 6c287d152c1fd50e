using TorchSharp;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Runtime.Model.Network;

/// <summary>The transformer-style sinusoidal embedding of a diffusion timestep.</summary>
internal static class SinusoidalEmbedding
{
    public static Tensor Of(int timestep, int width, Device device) =>
        HostTensors.From(Values(timestep, width), 1, width).to(device);

    /// <summary>The embedding's values in plain C# (the path that must not load libtorch folds the timestep with them).</summary>
    public static float[] Values(int timestep, int width)
    {
        int half = width / 2;
        var values = new float[width];
        for (int i = 0; i < half; i++)
        {
            double frequency = Math.Exp(-Math.Log(10000.0) * i / half);
            values[i] = (float)Math.Sin(timestep * frequency);
            values[half + i] = (float)Math.Cos(timestep * frequency);
        }
        return values;
    }
}
