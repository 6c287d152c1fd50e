using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;

namespace GdpoRealtime.Tests.Cli;

/// <summary>A diverging training stops with one line and no model; a model with non-finite weights is refused by every command.</summary>
public class NonFiniteCommandTests
{
    private TempFolder folder = null!;

    [SetUp]
    public void Create() => folder = new TempFolder();

    [TearDown]
    public void Remove() => folder.Dispose();

    [Test]
    public void ADivergingPretrainingStopsWithOneLineNamingTheStageAndTheFixAndWritesNoModel()
    {
        string data = folder.File("capture"), model = folder.File("diverged.gdpo");
        CaptureFolders.Write(data);
        var result = CliRunner.Run("train", "pretrain", "--data", data, "--out", model, "--steps", "30", "--lr", "1e20",
            "--channels", "8", "--blocks", "1", "--batch", "2", "--crop", "16", "--eval-every", "0", "--checkpoint-every", "1",
            "--adversarial-weight", "0", "--device", "cpu");
        TestContext.Out.WriteLine(result.Error);
        var errors = result.ErrorLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(errors, Has.Count.EqualTo(1));
            Assert.That(errors.Single(), Does.Contain("pretrain stopped at step").And.Contain("loss").And.Contain("--lr").And.Contain("--resume").And.Contain("doctor"));
            Assert.That(File.Exists(model), Is.False, "no model of a diverged run is written");
        });
    }

    [Test]
    public void ANumericOptionThatOverflowsIsRefusedUpFront()
    {
        var result = CliRunner.Run("train", "pretrain", "--data", folder.Path, "--out", folder.File("m.gdpo"), "--lr", "1e38", "--device", "cpu");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.ErrorLines.Single(), Does.Contain("learning rate").And.Contain("1E+38"));
    }

    [TestCase("upscale")]
    [TestCase("eval")]
    [TestCase("bench")]
    public void AModelWithNonFiniteWeightsIsRefusedByEveryCommand(string command)
    {
        using var model = TinyModels.NoiseDependent();
        var bytes = ModelCheckpoint.Serialize(model, new TrainingRecord { Stage = "pretrain", Steps = 1 });
        string path = folder.File("nan.gdpo");
        File.WriteAllBytes(path, CheckpointFiles.WithFirstWeight(bytes, float.NaN));
        string[] args = command switch
        {
            "upscale" => new[] { "upscale", TestImages.Photographs[0], folder.File("out.png"), "--model", path, "--device", "cpu" },
            "eval" => new[] { "eval", "--data", TestImages.Folder, "--model", path, "--device", "cpu" },
            _ => new[] { "bench", "--model", path, "--size", "64x64", "--runs", "1", "--device", "cpu" },
        };
        var result = CliRunner.Run(args);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Error);
            Assert.That(result.ErrorLines.Single(), Does.Contain("nan.gdpo").And.Contain("not finite"));
            Assert.That(File.Exists(folder.File("out.png")), Is.False);
        });
    }
}

/// <summary>gdpo-sr doctor: the machine report and the reproducibility verdict.</summary>
public class DoctorCommandTests
{
    [Test]
    public void TheReportNamesTheCpuLibtorchKernelsNnpackVulkanAndCuda()
    {
        var result = CliRunner.Run("doctor", "--report-only");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("CPU vector flags").And.Contain("ATen kernels").And.Contain("oneDNN").And.Contain("NNPACK")
            .And.Contain("no (switched off)").And.Contain("Vulkan").And.Contain("CUDA"));
    }

    [Test]
    public void AProbeProcessPrintsItsResultAsJson()
    {
        var result = CliRunner.Run("doctor", "--probe", "--steps", "2");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var probe = System.Text.Json.JsonSerializer.Deserialize<GdpoRealtime.Trainer.Diagnostics.ProbeResult>(result.Output.Trim());
        Assert.That(probe!.Losses, Has.Count.EqualTo(2));
        Assert.That(probe.Fingerprint, Has.Length.EqualTo(64));
    }

    [Test]
    public void TheDoctorComparesProbesInFreshProcessesAndGivesAVerdict()
    {
        var (code, output, error) = CliProcess.Run(null, TimeSpan.FromMinutes(4), "doctor", "--steps", "3");
        TestContext.Out.WriteLine(output);
        MachineHealth.Explained(() =>
        {
            Assert.That(code, Is.EqualTo(0), error);
            Assert.That(output, Does.Contain("2 runs identical bit for bit").And.Contain("verdict: this machine computes reproducibly"));
            Assert.That(output, Does.Contain("kernels chosen here: ").And.Not.Contain("kernels chosen here: unknown"));
        });
    }
}
