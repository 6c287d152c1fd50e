using System.Diagnostics;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Upscaling;
using static TorchSharp.torch;

namespace GdpoRealtime.Cli.Commands;

/// <summary>The reference of the engine bench: the network alone through libtorch on the CPU, on one frame, as 'gdpo-sr bench' runs it.</summary>
public static class TorchReference
{
    /// <summary>Median milliseconds of the model on a render-size frame on the CPU, warm-up excluded.</summary>
    public static double Measure(LoadedCheckpoint checkpoint, FrameSize render, double noise, int runs, int warmup)
    {
        TorchDevices.EnsureCpu();
        using var model = checkpoint.CreateModel();
        model.Network.eval();
        using var field = new NoiseField(0, noise);
        var upscaler = new ImageInference(model, field);
        using var frame = rand(1, 3, render.Height, render.Width);
        for (int i = 0; i < warmup; i++)
        {
            using var _ = upscaler.Upscale(frame);
        }
        var times = new List<double>();
        var watch = new Stopwatch();
        for (int i = 0; i < runs; i++)
        {
            watch.Restart();
            using var _ = upscaler.Upscale(frame);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    }
}
