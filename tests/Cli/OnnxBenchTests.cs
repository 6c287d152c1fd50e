using System.Globalization;
using System.Text.RegularExpressions;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Export;
using GdpoRealtime.Trainer.Export;

namespace GdpoRealtime.Tests.Cli;

/// <summary>gdpo-sr bench --onnx: ONNX Runtime and TorchSharp on the CPU, same network, frame, noise and threads, in one run (tiny sizes here).</summary>
public partial class OnnxBenchTests
{
    [SetUp]
    public void RequireOnnxRuntime() => OnnxRuntimeAvailability.Require();

    [Test]
    public void PrintsBothRuntimesTheRatioAndThatTheirOutputsAgree()
    {
        int threads = TorchSharp.torch.get_num_threads();
        var result = CliRunner.Run("bench", "--onnx", "--size", "40x24", "--runs", "3", "--warmup", "1", "--threads", "1");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(TorchSharp.torch.get_num_threads(), Is.EqualTo(threads), "libtorch's thread count is process-wide: the bench must restore it");
        TestContext.Out.WriteLine(result.Output);
        Assert.That(result.Output, Does.Contain("40x24 -> 80x48 (x2)").And.Contain("1 thread each").And.Contain("median of 3 alternating runs after 1 warm-up"));
        var torch = Milliseconds(result.Output, "TorchSharp CPU");
        var onnx = Milliseconds(result.Output, "ONNX Runtime CPU");
        Assert.That(torch, Is.GreaterThan(0));
        Assert.That(onnx, Is.GreaterThan(0));
        var ratio = Regex.Match(result.Output, @"ratio\s+([0-9.]+) x TorchSharp's time");
        Assert.That(ratio.Success, Is.True, result.Output);
        Assert.That(double.Parse(ratio.Groups[1].Value, CultureInfo.InvariantCulture), Is.EqualTo(onnx / torch).Within(0.02 + 0.1 * onnx / torch));
        var agree = Regex.Match(result.Output, @"outputs agree within ([0-9.Ee+-]+)\)");
        Assert.That(agree.Success, Is.True, result.Output);
        Assert.That(double.Parse(agree.Groups[1].Value, CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(OnnxExportCheck.Tolerance));
    }

    [Test]
    public void ASizeTheScaleCannotFoldIsRefused()
    {
        using var folder = new TempFolder();
        string modelPath = folder.File("x15.gdpo");
        using (var model = ExportModels.Random(new ScaleFactor(3, 2), seed: 2))
            ModelCheckpoint.Save(modelPath, model, new TrainingRecord());
        var result = CliRunner.Run("bench", "--onnx", "--size", "33x24", "--model", modelPath, "--runs", "1");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1));
        Assert.That(result.Error, Does.Contain("--size 33x24 is not a multiple of 2"));
    }

    [TestCase("--threads", "0", "--threads 0 is not a thread count")]
    [TestCase("--device", "cuda", "--onnx compares the two runtimes on the CPU")]
    public void BadSettingsAreRefused(string option, string value, string message)
    {
        var result = CliRunner.Run("bench", "--onnx", "--size", "16x16", "--runs", "1", option, value);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1));
        Assert.That(result.Error, Does.Contain(message));
    }

    private static double Milliseconds(string output, string label)
    {
        var match = Regex.Match(output, Regex.Escape(label) + @"\s+([0-9.]+) ms");
        Assert.That(match.Success, Is.True, $"no '{label}' line in:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
