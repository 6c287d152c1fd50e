using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Jobs;
using GdpoRealtime.Trainer.Training.Gdpo;
using GdpoRealtime.Trainer.Training.Pretraining;
using GdpoRealtime.Trainer.Training.Runs;
using Microsoft.Extensions.Logging.Abstractions;

namespace GdpoRealtime.Tests.Trainer.Jobs;

/// <summary>The trainer's job API, as any program (not only gdpo-sr) uses it: settings in; model, record and scores out.</summary>
public class TrainingJobsTests
{
    private TempFolder folder = null!;
    private JobData data = null!;

    [SetUp]
    public void Create()
    {
        folder = new TempFolder();
        CaptureFolders.Write(folder.File("capture"));
        data = new JobData { Folders = new[] { folder.File("capture") }, Evaluation = new EvaluationOptions { Tile = 16, MaxItems = 4 } };
    }

    [TearDown]
    public void Remove() => folder.Dispose();

    private static readonly JobDevice Cpu = new() { Preference = DevicePreference.Cpu };

    [Test]
    public void StageOneThenGdpoThenEvaluationMakeModelsRecordsAndScores()
    {
        var stage1 = TrainingJobs.Pretrain(new PretrainJob
        {
            Data = data, Output = new JobOutput { ModelPath = folder.File("stage1.gdpo"), CheckpointEvery = 2, EvaluateEvery = 0 },
            Settings = new PretrainSettings { Steps = 3, BatchSize = 2, LowResCrop = 16, AdversarialStart = 1, DiscriminatorChannels = 8 },
            Channels = 8, ResidualBlocks = 1, Device = Cpu, Command = "test",
        }, NullLogger.Instance, TrainingProgress.Silent);
        var tuned = TrainingJobs.Gdpo(new GdpoJob
        {
            Data = data, Output = new JobOutput { ModelPath = folder.File("tuned.gdpo"), EvaluateEvery = 0 }, ParentModel = stage1.ModelPath,
            Settings = new GdpoSettings { Steps = 2, BatchSize = 2, LowResCrop = 16, GroupSize = 3 }, Device = Cpu,
        }, NullLogger.Instance, TrainingProgress.Silent);
        var evaluation = EvaluationJobs.Run(new EvaluationJob
        {
            Data = data with { Options = data.Options with { HeldOutFraction = 1.0 } },
            Models = new[] { new ScoredModel(stage1.ModelPath, "stage1"), new ScoredModel(tuned.ModelPath, "tuned") },
            JsonPath = folder.File("scores.json"), Device = Cpu,
        }, NullLogger.Instance, TrainingProgress.Silent);

        Assert.Multiple(() =>
        {
            Assert.That(ModelCheckpoint.Load(stage1.ModelPath).Training.Command, Is.EqualTo("test"));
            Assert.That(stage1.Record.Figures, Does.ContainKey(TrainingRun.SkippedStepsKey));
            Assert.That(stage1.SkippedSteps, Is.Zero);
            Assert.That(File.Exists(Path.Combine(stage1.RunFolder, "state.gdporun")), Is.True);
            Assert.That(tuned.Record.Parent, Does.StartWith("stage1.gdpo (pretrain, 3 steps)"));
            Assert.That(evaluation.Report.Methods.Select(m => m.Name), Is.EqualTo(new[] { "bicubic", "lanczos", "stage1", "tuned", "ground truth" }));
            Assert.That(evaluation.Written.Single().Path, Is.EqualTo(folder.File("scores.json")));
            Assert.That(File.Exists(folder.File("scores.json")), Is.True);
        });
    }

    [Test]
    public void BadJobsAreRefusedBeforeAnyWorkWithTheCauseAndTheFix()
    {
        var wrongName = Assert.Throws<InvalidSettingException>(() => TrainingJobs.Pretrain(new PretrainJob
        {
            Data = data, Output = new JobOutput { ModelPath = folder.File("model.onnx") }, Device = Cpu,
        }, NullLogger.Instance, TrainingProgress.Silent));
        Assert.That(wrongName!.Message, Does.Contain("model.onnx").And.Contain(".gdpo").And.Not.Contain("--"), "library errors name no CLI flag");
        var twins = Assert.Throws<InvalidSettingException>(() => EvaluationJobs.Run(new EvaluationJob
        {
            Data = data, Models = new[] { new ScoredModel(null, "a"), new ScoredModel(null, "a") }, Device = Cpu,
        }, NullLogger.Instance, TrainingProgress.Silent));
        Assert.That(twins!.Message, Does.Contain("'a'"));
        Assert.That(Directory.GetFiles(folder.Path), Is.Empty, "nothing was written");
    }
}
