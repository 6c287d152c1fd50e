using System.Text.Json;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;

namespace GdpoRealtime.Tests.Cli;

/// <summary>gdpo-sr train pretrain, train gdpo and eval on a small capture folder, end to end, with a tiny network.</summary>
public class TrainAndEvalCommandTests
{
    private TempFolder folder = null!;
    private string data = null!;

    private static readonly string[] Tiny =
    {
        "--channels", "8", "--blocks", "1", "--batch", "2", "--crop", "16", "--eval-tile", "16", "--eval-items", "4",
        "--checkpoint-every", "2", "--eval-every", "2", "--device", "cpu",
    };

    [SetUp]
    public void Create()
    {
        folder = new TempFolder();
        data = folder.File("capture");
        CaptureFolders.Write(data);
    }

    [TearDown]
    public void Remove() => folder.Dispose();

    private CliRunner.Result Pretrain(string output, params string[] extra) => CliRunner.Run(
        new[] { "train", "pretrain", "--data", data, "--out", output, "--steps", "4", "--adversarial-start", "2", "--discriminator-channels", "8" }
            .Concat(Tiny).Concat(extra).ToArray());

    private CliRunner.Result Gdpo(string parent, string output, params string[] extra) => CliRunner.Run(
        new[] { "train", "gdpo", "--data", data, "--model", parent, "--out", output, "--steps", "2", "--group", "3" }
            .Concat(Tiny.Where((_, i) => i >= 4)).Concat(extra).ToArray());

    [Test]
    public void PretrainThenGdpoThenEvalWriteModelsRecordsFiguresAndCrops()
    {
        string stage1 = folder.File("stage1.gdpo"), tuned = folder.File("tuned.gdpo"), control = folder.File("control.gdpo");
        var pretrain = Pretrain(stage1);
        Assert.That(pretrain.ExitCode, Is.EqualTo(0), pretrain.Error);
        Assert.That(pretrain.Output, Does.Contain("diversity:").And.Contain("throughput:").And.Contain("samples/s"));
        var record = ModelCheckpoint.Load(stage1).Training;
        Assert.That(record.Stage, Is.EqualTo("pretrain"));
        Assert.That(record.Steps, Is.EqualTo(4));
        Assert.That(record.Command, Does.StartWith("gdpo-sr train pretrain"));
        Assert.That(record.Figures.Keys, Does.Contain("eval_texture").And.Contain("diversity_psnr_y_spread_std").And.Contain("throughput_crops_per_second"));
        string run = folder.File("stage1-run");
        Assert.That(File.Exists(Path.Combine(run, "state.gdporun")) && File.Exists(Path.Combine(run, "metrics.jsonl")) && File.Exists(Path.Combine(run, "training.png")), Is.True);

        var gdpo = Gdpo(stage1, tuned);
        Assert.That(gdpo.ExitCode, Is.EqualTo(0), gdpo.Error);
        Assert.That(ModelCheckpoint.Load(tuned).Training.Parent, Does.StartWith("stage1.gdpo (pretrain, 4 steps)"));
        var shuffled = Gdpo(stage1, control, "--mode", "shuffled");
        Assert.That(shuffled.ExitCode, Is.EqualTo(0), shuffled.Error);
        Assert.That(ModelCheckpoint.Load(control).Training.Stage, Is.EqualTo("gdpo-shuffled-control"));

        string crops = folder.File("crops.png"), json = folder.File("scores.json"), plot = folder.File("tradeoff.png");
        var eval = CliRunner.Run("eval", "--data", data, "--model", stage1, "--model", tuned, "--model", control, "--label", "stage 1",
            "--eval-tile", "16", "--crops", crops, "--json", json, "--plot", plot, "--device", "cpu");
        Assert.That(eval.ExitCode, Is.EqualTo(0), eval.Error);
        foreach (var row in new[] { "bicubic", "lanczos", "stage 1", "tuned", "control", "ground truth", "Δ texture" })
            Assert.That(eval.Output, Does.Contain(row));
        var crop = GdpoRealtime.Runtime.Imaging.ImageFile.Load(crops);
        Assert.That(crop.Width, Is.GreaterThan(5 * 48), "low-res, bicubic, three models and ground truth side by side");
        using var scores = JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(scores.RootElement.GetProperty("methods").GetArrayLength(), Is.EqualTo(6), "bicubic, lanczos, three models, ground truth");
        Assert.That(GdpoRealtime.Runtime.Imaging.ImageFile.Load(plot).Width, Is.EqualTo(1440), "the trade-off picture: two charts");
    }

    [Test]
    public void TheModelsRecordNamesTheDataFolderAsGivenNotThisMachinesAbsolutePath()
    {
        string before = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Path.GetDirectoryName(data)!;
            var result = CliRunner.Run(new[] { "train", "pretrain", "--data", "capture", "--out", "stage1.gdpo", "--steps", "2", "--adversarial-start", "1",
                "--discriminator-channels", "8" }.Concat(Tiny).ToArray());
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            var record = ModelCheckpoint.Load(folder.File("stage1.gdpo")).Training;
            Assert.That(record.Data, Does.StartWith("capture folder capture "));
            Assert.That(record.Data + record.Command, Does.Not.Contain(Path.GetDirectoryName(data)!));
        }
        finally
        {
            Environment.CurrentDirectory = before;
        }
    }

    [Test]
    public void PretrainMixesACaptureFolderWithAnImageFolderAndItsRecordNamesBoth()
    {
        string stage1 = folder.File("mixed.gdpo");
        var result = CliRunner.Run(new[] { "train", "pretrain", "--data", data, "--data", TestImages.Folder, "--out", stage1, "--steps", "2",
            "--adversarial-start", "1", "--discriminator-channels", "8" }.Concat(Tiny).ToArray());
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var record = ModelCheckpoint.Load(stage1).Training;
        Assert.That(record.Data, Does.StartWith("mixed, equal shares: capture folder ").And.Contain("; "));
        Assert.That(record.Command, Does.Contain("--data " + TestImages.Folder));
    }

    [Test]
    public void EvalScoresTheWholeFolderWhenAllOfItIsHeldOut()
    {
        var split = CliRunner.Run("eval", "--data", data, "--model", "default", "--eval-tile", "16", "--device", "cpu");
        var whole = CliRunner.Run("eval", "--data", data, "--model", "default", "--eval-tile", "16", "--all-held-out", "--device", "cpu");
        Assert.That(split.ExitCode, Is.EqualTo(0), split.Error);
        Assert.That(whole.ExitCode, Is.EqualTo(0), whole.Error);
        Assert.That(split.Output, Does.Contain("from 2 held-out pairs"));
        Assert.That(whole.Output, Does.Contain($"from {TestImages.All.Count} held-out pairs"));
    }

    [Test]
    public void ARunIsNotOverwrittenAndResumingAFinishedRunRewritesItsModel()
    {
        string stage1 = folder.File("stage1.gdpo");
        Assert.That(Pretrain(stage1).ExitCode, Is.EqualTo(0));
        var again = Pretrain(stage1);
        Assert.That(again.ExitCode, Is.EqualTo(2));
        Assert.That(again.Error, Does.Contain("already holds a run").And.Contain("--resume"));
        byte[] before = File.ReadAllBytes(stage1);
        File.Delete(stage1);
        var resumed = Pretrain(stage1, "--resume");
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Error);
        Assert.That(ModelCheckpoint.Load(stage1).Training.Steps, Is.EqualTo(4));
        Assert.That(ModelCheckpoint.Parse(before, "before").CreateModel().Network.state_dict()
            .Zip(ModelCheckpoint.Load(stage1).CreateModel().Network.state_dict())
            .All(p => Tensors.BitEqual(p.First.Value, p.Second.Value)), Is.True, "the same weights as the finished run");
        var otherSettings = Pretrain(stage1, "--resume", "--lr", "0.01");
        Assert.That(otherSettings.ExitCode, Is.EqualTo(2));
        Assert.That(otherSettings.Error, Does.Contain("LearningRate"));
    }

    [TestCase("eval", "--crops", "out.jpg", "not a .png path")]
    [TestCase("eval", "--json", "out.txt", "not a .json path")]
    [TestCase("gdpo", "--mode", "best", "not a training mode")]
    [TestCase("gdpo", "--omega", "-5", "out of range")]
    public void BadOptionsAreRefusedAsUsageErrors(string command, string option, string value, string mention)
    {
        string parent = folder.File("missing.gdpo");
        var result = command == "eval"
            ? CliRunner.Run("eval", "--data", data, "--model", "default", option, folder.File(value))
            : Gdpo(parent, folder.File("out.gdpo"), option, value);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.Error, Does.Contain(mention));
    }

    [Test]
    public void MissingParentModelIsNamed()
    {
        var result = Gdpo(folder.File("nowhere.gdpo"), folder.File("out.gdpo"));
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("nowhere.gdpo").And.Contain("does not exist"));
    }
}
