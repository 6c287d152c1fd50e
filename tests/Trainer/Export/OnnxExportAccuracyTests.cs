using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Trainer.Export;

namespace GdpoRealtime.Tests.Trainer.Export;

/// <summary>
/// The exported graph, run by ONNX Runtime, against TorchSharp's <see cref="NoiseAwareOneStepModel.Upscale"/> with the same
/// frames and noise field windows: within <see cref="OnnxExportCheck.Tolerance"/> (1e-4) everywhere, sizes dynamic.
/// </summary>
public class OnnxExportAccuracyTests
{
    [SetUp]
    public void RequireOnnxRuntime() => OnnxRuntimeAvailability.Require();

    private static readonly double Tolerance = OnnxExportCheck.Tolerance;

    [Test]
    public void TheBuiltInModelMatchesTorchSharpAtSeveralSizesWithAndWithoutNoise()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        model.Network.eval();
        var export = OnnxExport.Export(model, new TrainingRecord(), "built-in default-x2");
        using var onnx = new OnnxRuntimeModel(export.Bytes, threads: 1);
        foreach (var (width, height) in new[] { (17, 13), (32, 24), (41, 9), (64, 36) })
            foreach (double strength in new[] { 0.0, 1.0, 0.35 })
                AssertMatches(model, onnx, width, height, strength, seed: width);
        AssertNoiseMatters(model, onnx, 32, 24);
    }

    [TestCase(2, 1, 17, 13)]
    [TestCase(3, 2, 26, 14)]
    [TestCase(3, 1, 15, 11)]
    [TestCase(4, 1, 13, 9)]
    public void ARandomlyInitialisedModelMatchesAtItsScale(int p, int q, int width, int height)
    {
        using var model = ExportModels.Random(new ScaleFactor(p, q), seed: 100 + p * 10 + q);
        var export = OnnxExport.Export(model, new TrainingRecord(), "random");
        using var onnx = new OnnxRuntimeModel(export.Bytes, threads: 1);
        Assert.That(onnx.Scale, Is.EqualTo(new ScaleFactor(p, q)));
        foreach (var (w, h) in new[] { (width, height), (width + 2 * q, height + 4 * q) })
            foreach (double strength in new[] { 0.0, 1.0 })
                AssertMatches(model, onnx, w, h, strength, seed: 3);
        AssertNoiseMatters(model, onnx, width, height);
    }

    [Test]
    public void ABatchOfTwoFramesWithTheirOwnNoiseMatches()
    {
        using var model = ExportModels.Random(ScaleFactor.X2, seed: 5);
        using var onnx = new OnnxRuntimeModel(OnnxExport.Export(model, new TrainingRecord(), "random").Bytes, threads: 2);
        const int height = 10, width = 14;
        var frames = ExportModels.Frame(2, height, width, seed: 9);
        var noise = Window(model, 1, height, width, 1.0)!.Concat(Window(model, 2, height, width, 0.5)!).ToArray();
        var expected = ExportModels.TorchOutput(model, frames, 2, height, width, noise);
        double difference = ExportModels.MaxAbsDifference(onnx.Run(frames, 2, height, width, noise), expected);
        TestContext.Out.WriteLine($"batch of 2, {width}x{height}: max |ORT - TorchSharp| = {difference:G3}");
        Assert.That(difference, Is.LessThanOrEqualTo(Tolerance));
    }

    [Test]
    public void WithoutTheNoiseInputTheGraphIsTheDeterministicOutput()
    {
        using var model = ExportModels.Random(new ScaleFactor(3, 2), seed: 21);
        var export = OnnxExport.Export(model, new TrainingRecord(), "random", new OnnxExportSettings { NoiseInput = false });
        Assert.That(export.Inputs.Select(i => i.Name), Is.EqualTo(new[] { "low_res" }));
        using var onnx = new OnnxRuntimeModel(export.Bytes, threads: 1);
        Assert.That(onnx.HasNoiseInput, Is.False);
        AssertMatches(model, onnx, 18, 12, strength: 0, seed: 1);
        Assert.That(() => onnx.Run(ExportModels.Frame(1, 12, 18, 1), 1, 12, 18, Window(model, 1, 12, 18, 1.0)),
            Throws.ArgumentException.With.Message.Contains("without a noise input"));
    }

    [TestCase(13)]
    [TestCase(15)]
    [TestCase(17)]
    [TestCase(21)]
    public void EverySupportedOpsetLoadsAndMatches(int opset)
    {
        using var model = ExportModels.Random(ScaleFactor.X2, seed: 8);
        var export = OnnxExport.Export(model, new TrainingRecord(), "random", new OnnxExportSettings { Opset = opset });
        Assert.That(Onnx.ModelProto.Parser.ParseFrom(export.Bytes).OpsetImport.Single().Version, Is.EqualTo(opset));
        using var onnx = new OnnxRuntimeModel(export.Bytes, threads: 1);
        AssertMatches(model, onnx, 11, 7, strength: 1, seed: 2);
    }

    [Test]
    public void TheExportCheckCatchesAGraphThatIsNotTheModel()
    {
        using var model = ExportModels.Random(ScaleFactor.X2, seed: 30);
        using var other = ExportModels.Random(ScaleFactor.X2, seed: 31);
        var export = OnnxExport.Export(other, new TrainingRecord(), "other");
        Assert.That(() => OnnxExportCheck.Check(model, export.Bytes),
            Throws.InstanceOf<GdpoRealtime.Runtime.Errors.GdpoRealtimeException>().With.Message.Contains("does not compute the model"));
        Assert.That(OnnxExportCheck.Check(other, export.Bytes).MaxDifference, Is.LessThanOrEqualTo(Tolerance));
    }

    private static float[]? Window(NoiseAwareOneStepModel model, long seed, int height, int width, double strength) =>
        strength == 0 ? null : GaussianNoise.Window(seed, strength, model.Scale.LatentChannels, 0, 0, height / model.Scale.Denominator, width / model.Scale.Denominator);

    /// <summary>The noise input must reach the output, or matching with noise would prove nothing.</summary>
    private static void AssertNoiseMatters(NoiseAwareOneStepModel model, OnnxRuntimeModel onnx, int width, int height)
    {
        var frame = ExportModels.Frame(1, height, width, 4);
        double change = ExportModels.MaxAbsDifference(onnx.Run(frame, 1, height, width, Window(model, 4, height, width, 1.0)), onnx.Run(frame, 1, height, width));
        Assert.That(change, Is.GreaterThan(1e-3), "the noise does not change the output");
    }

    private static void AssertMatches(NoiseAwareOneStepModel model, OnnxRuntimeModel onnx, int width, int height, double strength, int seed)
    {
        var frame = ExportModels.Frame(1, height, width, seed);
        var noise = Window(model, seed, height, width, strength);
        var expected = ExportModels.TorchOutput(model, frame, 1, height, width, noise);
        var actual = onnx.Run(frame, 1, height, width, noise);
        double difference = ExportModels.MaxAbsDifference(actual, expected);
        TestContext.Out.WriteLine($"x{model.Scale} {width}x{height} noise {strength}: max |ORT - TorchSharp| = {difference:G3}");
        Assert.That(difference, Is.LessThanOrEqualTo(Tolerance), $"x{model.Scale} {width}x{height} noise {strength}");
    }
}
