using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Export;
using GdpoRealtime.Trainer.Export;
using Onnx;

namespace GdpoRealtime.Tests.Cli;

/// <summary>gdpo-sr export --onnx: writes a checked ONNX model, says what it wrote, and refuses bad input with one line and no file.</summary>
public class ExportCommandTests
{
    private TempFolder folder = null!;

    [SetUp]
    public void MakeFolder()
    {
        OnnxRuntimeAvailability.Require(); // every export is checked in ONNX Runtime
        folder = new TempFolder();
    }

    [TearDown]
    public void Clean() => folder?.Dispose();

    [Test]
    public void ExportsTheBuiltInModelAndSaysWhatItWrote()
    {
        string output = folder.File("model.onnx");
        var result = CliRunner.Run("export", "--onnx", output);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        TestContext.Out.WriteLine(result.Output);
        var bytes = File.ReadAllBytes(output);
        var proto = ModelProto.Parser.ParseFrom(bytes);
        Assert.That(proto.OpsetImport.Single().Version, Is.EqualTo(OnnxExportSettings.DefaultOpset));
        Assert.That(result.Output, Does.Contain($"wrote {output}").And.Contain("KiB").And.Contain("ONNX opset 17").And.Contain("x2"));
        Assert.That(result.Output, Does.Contain("low_res [batch, 3, height, width]").And.Contain("noise [batch, 12, height, width]"));
        Assert.That(result.Output, Does.Contain("upscaled [batch, 3, height*2, width*2]"));
        Assert.That(result.Output, Does.Contain("checked:   ONNX Runtime vs TorchSharp"));
        Assert.That(folder.Files, Has.Count.EqualTo(1), "no temporary file may be left behind");

        using var onnx = new OnnxRuntimeModel(bytes, threads: 1);
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        var frame = ExportModels.Frame(1, 12, 20, seed: 1);
        Assert.That(ExportModels.MaxAbsDifference(onnx.Run(frame, 1, 12, 20), ExportModels.TorchOutput(model, frame, 1, 12, 20, null)),
            Is.LessThanOrEqualTo(OnnxExportCheck.Tolerance));
    }

    [Test]
    public void ExportsAModelFileAtAnotherScaleAndOpsetWithoutTheNoiseInput()
    {
        string modelPath = folder.File("x3.gdpo"), output = folder.File("x3.onnx");
        using (var model = ExportModels.Random(new ScaleFactor(3, 1), seed: 12))
            ModelCheckpoint.Save(modelPath, model, new TrainingRecord { Stage = "pretrain", Steps = 7 });
        var result = CliRunner.Run("export", "--onnx", output, "--model", modelPath, "--opset", "15", "--no-noise-input");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(output));
        Assert.That(proto.OpsetImport.Single().Version, Is.EqualTo(15));
        Assert.That(proto.Graph.Input.Select(i => i.Name), Is.EqualTo(new[] { "low_res" }));
        Assert.That(proto.MetadataProps.Single(p => p.Key == "gdpo.scale").Value, Is.EqualTo("3"));
        Assert.That(proto.MetadataProps.Single(p => p.Key == "gdpo.source").Value, Is.EqualTo("x3.gdpo"));
        Assert.That(result.Output, Does.Contain("x3").And.Contain("trained: pretrain").And.Contain("none (deterministic output only)"));
    }

    [Test]
    public void ANonOnnxPathIsRefused()
    {
        string output = folder.File("model.bin");
        AssertRefused(CliRunner.Run("export", "--onnx", output), 2, "is not a .onnx path");
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public void AMissingModelIsRefused() =>
        AssertRefused(CliRunner.Run("export", "--onnx", folder.File("m.onnx"), "--model", folder.File("absent.gdpo")), 1, "does not exist");

    [TestCase("garbage", "not a GdpoRealtime model")]
    [TestCase("truncated", "corrupt or truncated")]
    public void ACorruptModelIsRefused(string kind, string message)
    {
        string modelPath = folder.File("bad.gdpo");
        var good = DefaultModelBytes();
        File.WriteAllBytes(modelPath, kind == "garbage" ? "not a model at all, just text"u8.ToArray() : good[..(good.Length / 2)]);
        AssertRefused(CliRunner.Run("export", "--onnx", folder.File("m.onnx"), "--model", modelPath), 1, message);
    }

    [Test]
    public void AnOpsetOutsideTheRangeIsRefusedAsUsage() =>
        AssertRefused(CliRunner.Run("export", "--onnx", folder.File("m.onnx"), "--opset", "11"), 2, "--opset: ONNX opset 11 is outside the supported 13-21");

    [Test]
    public void AMissingOutputFolderIsRefused() =>
        AssertRefused(CliRunner.Run("export", "--onnx", Path.Combine(folder.Path, "nowhere", "m.onnx")), 2, "does not exist");

    [Test]
    public void ItNeverWritesOverItsInput()
    {
        // A checkpoint is recognised by its signature, not its name, so a .gdpo renamed .onnx loads: the output must not replace it.
        string modelPath = folder.File("model.onnx");
        var original = DefaultModelBytes();
        File.WriteAllBytes(modelPath, original);
        var result = CliRunner.Run("export", "--onnx", modelPath, "--model", modelPath);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.Contain("is the --model file"));
        Assert.That(File.ReadAllBytes(modelPath), Is.EqualTo(original));
    }

    [Test]
    public void WithoutOnnxTheCommandIsAUsageError()
    {
        var result = CliRunner.Run("export");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--onnx"));
    }

    private void AssertRefused(CliRunner.Result result, int exitCode, string message)
    {
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Error);
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1), result.Error);
        Assert.That(result.ErrorLines[0], Does.StartWith("error: ").And.Contain(message));
        Assert.That(folder.Files.Where(f => f.EndsWith(".onnx", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith('.')), Is.Empty,
            "no output or temporary file may be left behind");
    }

    private static byte[] DefaultModelBytes()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        return ModelCheckpoint.Serialize(model, new TrainingRecord { Stage = "pretrain" });
    }
}
