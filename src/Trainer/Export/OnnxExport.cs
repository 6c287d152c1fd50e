using Google.Protobuf;
using GdpoRealtime.Runtime.IO;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using Onnx;

namespace GdpoRealtime.Trainer.Export;

/// <summary>
/// Exports a model as one ONNX graph (see <see cref="OnnxNetworkGraph"/>) so that engines with their own inference
/// runtime (ONNX Runtime, Unity Sentis, Unreal NNE, TensorRT) can run it. Inputs low_res [N, 3, H, W] and, unless
/// left out, noise [N, 3p^2, H/q, W/q]; output upscaled [N, 3, H*s, W*s], equal to <see cref="NoiseAwareOneStepModel.Upscale"/>
/// within float rounding.
/// </summary>
public static class OnnxExport
{
    public const string FileExtension = ".onnx";

    /// <summary>
    /// Builds the network a checkpoint describes, exports it and checks the export in ONNX Runtime against TorchSharp
    /// (<see cref="OnnxExportCheck.Check"/>): what is returned is known to compute the model.
    /// </summary>
    public static OnnxExportResult Export(LoadedCheckpoint checkpoint, OnnxExportSettings? settings = null)
    {
        using var model = checkpoint.CreateModel();
        model.Network.eval();
        var result = Export(model, checkpoint.Training, checkpoint.Source, settings);
        return result with { Check = OnnxExportCheck.Check(model, result.Bytes) };
    }

    /// <param name="source">Where the weights came from, for the metadata: only its file name is kept.</param>
    public static OnnxExportResult Export(NoiseAwareOneStepModel model, TrainingRecord training, string source, OnnxExportSettings? settings = null)
    {
        settings ??= new OnnxExportSettings();
        settings.Validate();
        string name = Path.GetFileName(source);
        var weights = OnnxNetworkWeights.Of(model);
        var graph = OnnxNetworkGraph.Build(model, weights, settings.NoiseInput, $"gdpo_sr_x{model.Scale}");
        var proto = new ModelProto
        {
            IrVersion = settings.IrVersion,
            ProducerName = "GdpoRealtime",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "unknown",
            Domain = "gdporealtime",
            ModelVersion = 1,
            DocString = OnnxModelMetadata.DocString(model, training),
            Graph = graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = settings.Opset });
        foreach (var (key, value) in OnnxModelMetadata.For(model, training, name, settings.NoiseInput))
            proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return new OnnxExportResult(proto.ToByteArray(), settings.Opset, model.Scale, settings.NoiseInput,
            graph.Input.Select(Describe).ToList(), graph.Output.Select(Describe).ToList(),
            graph.Node.Select(n => n.OpType).Distinct().ToList());
    }

    /// <summary>Writes the file atomically: readers see the old file or the whole new one.</summary>
    public static void Save(string path, OnnxExportResult result) => AtomicFile.WriteAllBytes(path, result.Bytes);

    private static OnnxTensorDescription Describe(ValueInfoProto value) =>
        new(value.Name, value.Type.TensorType.Shape.Dim.Select(d => d.HasDimValue ? d.DimValue.ToString() : d.DimParam).ToList());
}

/// <summary>An exported model: the file's bytes and what it holds.</summary>
public sealed record OnnxExportResult(
    byte[] Bytes, int Opset, ScaleFactor Scale, bool NoiseInput,
    IReadOnlyList<OnnxTensorDescription> Inputs, IReadOnlyList<OnnxTensorDescription> Outputs, IReadOnlyList<string> OperatorTypes)
{
    /// <summary>How the export was checked against TorchSharp, or null when it was not.</summary>
    public OnnxCheckResult? Check { get; init; }
}

/// <summary>A graph input or output: its name and dimensions (numbers, or names for dynamic ones).</summary>
public sealed record OnnxTensorDescription(string Name, IReadOnlyList<string> Dimensions)
{
    public override string ToString() => $"{Name} [{string.Join(", ", Dimensions)}]";
}
