using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Trainer.Export;
using Onnx;

namespace GdpoRealtime.Tests.Trainer.Export;

/// <summary>What the exported file holds: only the intended operators, in the intended forms, dynamic sizes, and metadata that explains it.</summary>
public class OnnxExportGraphTests
{
    private static readonly string[] Intended = { "Resize", "Mul", "Sub", "Add", "DepthToSpace", "SpaceToDepth", "Concat", "Conv", "Relu" };

    [TestCase(2, 1, true)]
    [TestCase(2, 1, false)]
    [TestCase(3, 2, true)]
    [TestCase(4, 1, true)]
    public void TheGraphHoldsOnlyTheIntendedOperators(int p, int q, bool noiseInput)
    {
        using var model = ExportModels.Random(new ScaleFactor(p, q), seed: 1, blocks: 3);
        var export = OnnxExport.Export(model, new TrainingRecord(), "random", new OnnxExportSettings { NoiseInput = noiseInput });
        var graph = ModelProto.Parser.ParseFrom(export.Bytes).Graph;
        var counts = graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Out.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        Assert.That(counts.Keys, Is.SubsetOf(Intended));
        Assert.That(export.OperatorTypes, Is.EquivalentTo(counts.Keys));
        Assert.That(counts["Conv"], Is.EqualTo(2 + 2 * 3), "head, two per block, tail");
        Assert.That(counts["Relu"], Is.EqualTo(3));
        Assert.That(counts["Resize"], Is.EqualTo(1));
        Assert.That(counts["DepthToSpace"], Is.EqualTo(noiseInput ? 2 : 1), "the output, and the noise when there is one");
        Assert.That(counts["SpaceToDepth"], Is.EqualTo(q == 1 ? 1 : 2), "the latent, and the condition when q > 1");
        Assert.That(graph.Node.Where(n => n.OpType == "DepthToSpace").Select(n => Attribute(n, "mode").S.ToStringUtf8()), Is.All.EqualTo("CRD"));

        var resize = graph.Node.Single(n => n.OpType == "Resize");
        Assert.That(Attribute(resize, "mode").S.ToStringUtf8(), Is.EqualTo("cubic"));
        Assert.That(Attribute(resize, "coordinate_transformation_mode").S.ToStringUtf8(), Is.EqualTo("half_pixel"));
        Assert.That(Attribute(resize, "cubic_coeff_a").F, Is.EqualTo(-0.75f));
        var scales = graph.Initializer.Single(t => t.Name == resize.Input[2]);
        Assert.That(Floats(scales), Is.EqualTo(new[] { 1f, 1f, p / (float)q, p / (float)q }));

        Assert.That(graph.Input.Select(i => i.Name), Is.EqualTo(noiseInput ? new[] { "low_res", "noise" } : new[] { "low_res" }));
        var lowRes = graph.Input[0].Type.TensorType.Shape.Dim;
        Assert.That(lowRes.Select(d => d.HasDimValue ? d.DimValue.ToString() : d.DimParam), Is.EqualTo(new[] { "batch", "3", "height", "width" }));
        if (noiseInput)
            Assert.That(graph.Input[1].Type.TensorType.Shape.Dim[1].DimValue, Is.EqualTo(3 * p * p));
        Assert.That(graph.Output.Single().Name, Is.EqualTo("upscaled"));
    }

    [Test]
    public void TheTimestepIsFoldedIntoConstantsAndNothingButWeightsIsStored()
    {
        using var model = ExportModels.Random(ScaleFactor.X2, seed: 2, channels: 8, blocks: 2);
        var graph = ModelProto.Parser.ParseFrom(OnnxExport.Export(model, new TrainingRecord(), "random").Bytes).Graph;
        long stored = graph.Initializer.Sum(t => t.Dims.Aggregate(1L, (a, b) => a * b));
        long convolutions = model.Network.named_parameters()
            .Where(p => !p.name.StartsWith("embed", StringComparison.Ordinal)).Sum(p => p.parameter.numel());
        Assert.That(stored, Is.EqualTo(convolutions + 4 + 4), "the convolutions, the resize scales and four scalars: no embedding layers");
        Assert.That(graph.Initializer.Where(t => t.Name.EndsWith("_bias")).Select(t => t.Dims.Single()), Is.All.EqualTo(8).Or.EqualTo(12));
    }

    [Test]
    public void TheMetadataDescribesTheModelAndHowToMakeTheNoise()
    {
        OnnxRuntimeAvailability.Require();
        var checkpoint = DefaultModels.Load(ScaleFactor.X2);
        var export = OnnxExport.Export(checkpoint);
        Assert.That(export.Check, Is.Not.Null);
        Assert.That(export.Check!.MaxDifference, Is.LessThanOrEqualTo(OnnxExportCheck.Tolerance));
        using var onnx = new OnnxRuntimeModel(export.Bytes, threads: 1);
        var metadata = onnx.Metadata;
        Assert.That(metadata["gdpo.scale"], Is.EqualTo("2"));
        Assert.That(metadata["gdpo.scale_fraction"], Is.EqualTo("2/1"));
        Assert.That(metadata["gdpo.architecture"], Does.Contain("\"channels\":32").And.Contain("\"residualBlocks\":4"));
        Assert.That(metadata["gdpo.training"], Does.StartWith($"trained: {checkpoint.Training.Stage}, {checkpoint.Training.Steps:N0} steps"));
        Assert.That(metadata["gdpo.training_record"], Does.Contain(checkpoint.Training.Stage));
        Assert.That(metadata["gdpo.timesteps"], Does.Contain("t_add=250").And.Contain("t_diff=100"));
        Assert.That(metadata["gdpo.noise_input"], Does.Contain("[N, 12, H/1, W/1]").And.Contain("zeros").And.Contain("GaussianNoise.Window"));
        Assert.That(metadata["gdpo.source"], Is.EqualTo("built-in default-x2"));
    }

    [Test]
    public void OnlyAFileNameOfTheSourceIsKept()
    {
        OnnxRuntimeAvailability.Require();
        using var model = ExportModels.Random(ScaleFactor.X2, seed: 3);
        var export = OnnxExport.Export(model, new TrainingRecord(), Path.Combine("some", "folder", "mine.gdpo"));
        using var onnx = new OnnxRuntimeModel(export.Bytes, threads: 1);
        Assert.That(onnx.Metadata["gdpo.source"], Is.EqualTo("mine.gdpo"));
    }

    [TestCase(12)]
    [TestCase(22)]
    public void AnOpsetOutsideTheSupportedRangeIsRefused(int opset)
    {
        using var model = ExportModels.Random(ScaleFactor.X2, seed: 4);
        Assert.That(() => OnnxExport.Export(model, new TrainingRecord(), "random", new OnnxExportSettings { Opset = opset }),
            Throws.InstanceOf<InvalidSettingException>().With.Message.Contains($"opset {opset}").And.Message.Contains("13"));
    }

    [Test]
    public void ONNXRuntimeRefusesBytesThatAreNotAModelWithAClearError()
    {
        OnnxRuntimeAvailability.Require();
        Assert.That(() => new OnnxRuntimeModel(new byte[] { 1, 2, 3, 4, 5 }, threads: 1),
            Throws.InstanceOf<CheckpointException>().With.Message.Contains("ONNX Runtime cannot load the model"));
    }

    private static AttributeProto Attribute(NodeProto node, string name) => node.Attribute.Single(a => a.Name == name);

    private static float[] Floats(TensorProto tensor)
    {
        var bytes = tensor.RawData.ToByteArray();
        return Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, i * 4)).ToArray();
    }
}
