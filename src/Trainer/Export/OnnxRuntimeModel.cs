using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using Microsoft.ML.OnnxRuntime;

namespace GdpoRealtime.Trainer.Export;

/// <summary>
/// An exported model loaded in ONNX Runtime on the CPU: what checks an export against TorchSharp and what the bench
/// times against it. Frames are float arrays in NCHW order, as the graph takes them.
/// </summary>
public sealed class OnnxRuntimeModel : IDisposable
{
    private readonly InferenceSession session;
    private readonly RunOptions runOptions;

    /// <param name="threads">ONNX Runtime's intra-op threads (the work inside one operator); 0 lets it choose.</param>
    public OnnxRuntimeModel(byte[] model, int threads)
    {
        if (threads < 0) throw new ArgumentOutOfRangeException(nameof(threads), "Thread count must be 0 (automatic) or more.");
        session = Open(model, threads);
        runOptions = new RunOptions();
        Metadata = session.ModelMetadata.CustomMetadataMap;
        HasNoiseInput = session.InputMetadata.ContainsKey(OnnxNetworkGraph.NoiseInput);
        if (!session.InputMetadata.ContainsKey(OnnxNetworkGraph.LowResInput) || !Metadata.TryGetValue("gdpo.scale_fraction", out var fraction)
            || fraction.Split('/') is not [var p, var q] || !int.TryParse(p, out int numerator) || !int.TryParse(q, out int denominator))
        {
            Dispose();
            throw new CheckpointException("The ONNX model is not a GdpoRealtime export (no low_res input or gdpo.scale_fraction metadata)",
                "Export the model with GdpoRealtime's ONNX exporter.");
        }
        Scale = new ScaleFactor(numerator, denominator);
    }

    private static InferenceSession Open(byte[] model, int threads)
    {
        try
        {
            using var options = new SessionOptions
            {
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            // Idle workers sleep instead of spinning, as libtorch's do here (OpenMpWaitPolicy): in a game the cores are shared.
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new CheckpointException($"ONNX Runtime cannot load the model: {PrintableText.Clean(e.Message)}",
                "Export it again with this version of GdpoRealtime.", e);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw new ComputeSetupException($"ONNX Runtime's native library could not be loaded ({PrintableText.Clean(e.InnerException?.Message ?? e.Message)})",
                "Rebuild with 'dotnet build' so that libonnxruntime (onnxruntime.dll on Windows) from the Microsoft.ML.OnnxRuntime package is in the output folder.", e);
        }
    }

    public ScaleFactor Scale { get; }
    public bool HasNoiseInput { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The noise input's shape for a frame: [batch, 3p^2, height/q, width/q].</summary>
    public long[] NoiseShape(int batch, int height, int width) =>
        new long[] { batch, Scale.LatentChannels, height / Scale.Denominator, width / Scale.Denominator };

    /// <summary>Runs one batch: <paramref name="lowRes"/> [batch, 3, height, width]; <paramref name="noise"/> null for zeros.</summary>
    public float[] Run(float[] lowRes, int batch, int height, int width, float[]? noise = null)
    {
        var output = new float[(long)batch * 3 * Scale.OutputSize(height) * Scale.OutputSize(width)];
        Run(lowRes, batch, height, width, noise, output);
        return output;
    }

    /// <summary>Runs one batch into <paramref name="output"/> [batch, 3, height*s, width*s], allocating no frame-sized array.</summary>
    public void Run(float[] lowRes, int batch, int height, int width, float[]? noise, float[] output)
    {
        if (height % Scale.Denominator != 0 || width % Scale.Denominator != 0)
            throw new ArgumentException($"Low-res size {width}x{height} is not a multiple of {Scale.Denominator} (scale {Scale}).");
        long[] inputShape = { batch, 3, height, width }, outputShape = { batch, 3, Scale.OutputSize(height), Scale.OutputSize(width) };
        Require(lowRes.Length, inputShape, "low-res frame");
        Require(output.Length, outputShape, "output");
        var names = new List<string> { OnnxNetworkGraph.LowResInput };
        var values = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(lowRes, inputShape) };
        try
        {
            if (HasNoiseInput)
            {
                var noiseShape = NoiseShape(batch, height, width);
                noise ??= new float[noiseShape.Aggregate(1L, (a, b) => a * b)];
                Require(noise.Length, noiseShape, "noise");
                names.Add(OnnxNetworkGraph.NoiseInput);
                values.Add(OrtValue.CreateTensorValueFromMemory(noise, noiseShape));
            }
            else if (noise is not null && noise.Any(v => v != 0))
                throw new ArgumentException("This ONNX model was exported without a noise input: it runs deterministically only.", nameof(noise));
            using var result = OrtValue.CreateTensorValueFromMemory(output, outputShape);
            session.Run(runOptions, names, values, new[] { OnnxNetworkGraph.Output }, new[] { result });
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }

    private static void Require(long length, long[] shape, string what)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (length != count)
            throw new ArgumentException($"The {what} holds {length} values; shape [{string.Join(", ", shape)}] needs {count}.");
    }

    public void Dispose()
    {
        runOptions.Dispose();
        session.Dispose();
    }
}
