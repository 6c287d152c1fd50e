using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GdpoRealtime.Cli.CommandLine;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Trainer.Export;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace GdpoRealtime.Cli.Commands;

/// <summary>
/// gdpo-sr bench --onnx: ONNX Runtime on the CPU as a peer of TorchSharp on the CPU, on the same network (the model
/// exported in memory, checked like every export), the same frame and the same noise, with the same thread count.
/// The two run in alternation, so that a change of load on a shared machine falls on both alike.
/// </summary>
public sealed class OnnxBench
{
    private readonly Option<bool> onnx = new("--onnx")
    {
        Description = "Time ONNX Runtime (CPU) against TorchSharp (CPU) on the same network and frame, and print the ratio.",
    };

    private readonly Option<int> threads = new("--threads")
    {
        Description = "With --onnx: CPU threads for both runtimes (default: every logical CPU).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public void AddTo(Command command)
    {
        command.Add(onnx);
        command.Add(threads);
    }

    public bool Requested(ParseResult parse) => parse.GetValue(onnx);

    public sealed record Settings(int Width, int Height, int Runs, int Warmup, double Noise, int Threads, LoadedCheckpoint Checkpoint);

    public int Run(ParseResult parse, int width, int height, int runs, int warmup, double noise, LoadedCheckpoint checkpoint, DevicePreference device)
    {
        if (device == DevicePreference.Cuda)
            throw new InvalidSettingException("--onnx compares the two runtimes on the CPU, but --device cuda was given", "Drop --device cuda (or --onnx).");
        Run(new Settings(width, height, runs, warmup, noise, parse.GetValue(threads), checkpoint), parse.InvocationConfiguration.Output);
        return ExitCodes.Success;
    }

    public static void Run(Settings settings, TextWriter output)
    {
        var (width, height, runs, warmup, strength, threadCount, checkpoint) = settings;
        if (threadCount < 1)
            throw new InvalidSettingException($"--threads {threadCount} is not a thread count", "Use 1 or more, for example --threads 2.");
        var scale = checkpoint.Architecture.Scale;
        if (height % scale.Denominator != 0 || width % scale.Denominator != 0)
            throw new InvalidSettingException($"--size {width}x{height} is not a multiple of {scale.Denominator}, as x{scale} needs for the ONNX graph",
                $"Use a size whose sides are multiples of {scale.Denominator}.");
        using var field = new NoiseField(0, strength); // validates the strength

        TorchDevices.EnsureCpu();
        int previousThreads = get_num_threads();
        set_num_threads(threadCount);
        try { Measure(settings, field, output); }
        finally { set_num_threads(previousThreads); } // the thread count is process-wide: leave it as it was found
    }

    private static void Measure(Settings settings, NoiseField field, TextWriter output)
    {
        var (width, height, runs, warmup, strength, threadCount, checkpoint) = settings;
        var scale = checkpoint.Architecture.Scale;
        var export = OnnxExport.Export(checkpoint);
        using var model = checkpoint.CreateModel();
        model.Network.eval();
        using var session = new OnnxRuntimeModel(export.Bytes, threadCount);

        var frame = Frame(height, width);
        using var frameTensor = HostTensors.From(frame, 1, 3, height, width);
        var noiseTensor = field.For(model.LatentShape(height, width), CPU, ScalarType.Float32);
        var noise = noiseTensor?.data<float>().ToArray() ?? new float[session.NoiseShape(1, height, width).Aggregate(1L, (a, b) => a * b)];
        var onnxOutput = new float[3L * scale.OutputSize(height) * scale.OutputSize(width)];
        float[] torchOutput = Array.Empty<float>();

        void RunTorch()
        {
            using var result = model.Upscale(frameTensor, noiseTensor);
            torchOutput = result.data<float>().ToArray();
        }
        void RunOnnx() => session.Run(frame, 1, height, width, noise, onnxOutput);

        for (int i = 0; i < warmup; i++)
        {
            RunTorch();
            RunOnnx();
        }
        var torchTimes = new double[runs];
        var onnxTimes = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            torchTimes[i] = Time(RunTorch);
            onnxTimes[i] = Time(RunOnnx);
        }
        // Copying the output out of the tensor is part of what TorchSharp's timing pays; ONNX Runtime writes into the array directly.
        double difference = 0;
        for (int i = 0; i < onnxOutput.Length; i++) difference = Math.Max(difference, Math.Abs((double)onnxOutput[i] - torchOutput[i]));

        double torchMs = Median(torchTimes), onnxMs = Median(onnxTimes);
        string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
        output.WriteLine($"{width}x{height} -> {scale.OutputSize(width)}x{scale.OutputSize(height)} (x{scale}) on {CpuDescription.OfThisMachine()}: " +
                         $"{Threads(threadCount)} each, noise {F(strength, "0.##")}, median of {runs} alternating runs after {warmup} warm-up:");
        output.WriteLine($"  TorchSharp CPU     {F(torchMs, "F1"),9} ms  (TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3)}, {Threads(get_num_threads())})");
        output.WriteLine($"  ONNX Runtime CPU   {F(onnxMs, "F1"),9} ms  ({OrtEnv.Instance().GetVersionString()}, opset {export.Opset})");
        output.WriteLine($"  ratio              {F(onnxMs / torchMs, "F2"),9} x TorchSharp's time  (outputs agree within {F(difference, "G2")})");
    }

    private static string Threads(int count) => count == 1 ? "1 thread" : $"{count} threads";

    /// <summary>A fixed pseudo-random frame: both runtimes get the same values every run.</summary>
    private static float[] Frame(int height, int width)
    {
        var random = new Random(1);
        var values = new float[3 * height * width];
        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        return values;
    }

    private static double Time(Action run)
    {
        var watch = Stopwatch.StartNew();
        run();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(double[] times)
    {
        var sorted = times.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
