using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Training;
using GdpoRealtime.Trainer.Training.Gdpo;
using GdpoRealtime.Trainer.Training.Pretraining;
using GdpoRealtime.Trainer.Training.Runs;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Training;

/// <summary>No non-finite step is ever applied, a run that keeps failing stops with the reason, and its last checkpoint resumes.</summary>
public class NonFiniteStepTests
{
    private TempFolder folder = null!;

    [SetUp]
    public void Create() => folder = new TempFolder();

    [TearDown]
    public void Remove() => folder.Dispose();

    [Test]
    public void AFiniteStepIsAppliedOnce()
    {
        int applied = 0, discarded = 0;
        var outcome = GuardedStep.Run(() => new SortedDictionary<string, double> { ["loss"] = 0.5, ["grad_norm"] = 1 },
            () => applied++, () => discarded++);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Applied, Is.True);
            Assert.That((applied, discarded), Is.EqualTo((1, 0)));
            Assert.That(outcome.Values.ContainsKey(GuardedStep.RetriedKey), Is.False);
        });
    }

    [Test]
    public void ANonFiniteAttemptIsDiscardedAndRetriedOnce()
    {
        int attempts = 0, applied = 0, discarded = 0;
        var outcome = GuardedStep.Run(() => new SortedDictionary<string, double> { ["loss"] = ++attempts == 1 ? double.NaN : 0.5, ["grad_norm"] = 1 },
            () => applied++, () => discarded++);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Applied, Is.True);
            Assert.That((attempts, applied, discarded), Is.EqualTo((2, 1, 1)));
            Assert.That(outcome[GuardedStep.RetriedKey], Is.EqualTo(1));
        });
    }

    [Test]
    public void AStepNonFiniteTwiceIsSkippedNamingItsTerms()
    {
        int applied = 0, discarded = 0;
        var outcome = GuardedStep.Run(
            () => new SortedDictionary<string, double> { ["loss"] = double.PositiveInfinity, ["grad_norm"] = double.NaN, ["lr"] = 1e-3 },
            () => applied++, () => discarded++);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Applied, Is.False);
            Assert.That((applied, discarded), Is.EqualTo((0, 2)));
            Assert.That(outcome.NonFiniteTerms, Is.EquivalentTo(new[] { "loss", "grad_norm" }));
        });
    }

    /// <summary>A stage whose steps fail where a script says, to check the run's counting without a network.</summary>
    private sealed class ScriptedStage(int total, Func<int, bool> fails) : ITrainingStage
    {
        public long Applied;
        public string Name => "scripted";
        public int TotalSteps => total;
        public string Settings => "{}";
        public IReadOnlyList<PlotPanel> Panels { get; } = new[] { new PlotPanel("loss", "train", new[] { "loss" }) };
        public IReadOnlyList<string> ProgressKeys { get; } = new[] { "loss" };

        public StepOutcome Step(int step) => GuardedStep.Run(
            () => new SortedDictionary<string, double> { ["loss"] = fails(step) ? double.NaN : 1.0 / step },
            () => Applied++, () => { });

        public IReadOnlyDictionary<string, double> Evaluate(int step) => new Dictionary<string, double>();
        public void Save(TrainingState state) => state.Write("applied", w => w.Write(Applied));
        public void Restore(TrainingState state) => state.Read("applied", r => Applied = r.ReadInt64());
    }

    private TrainingRun Run(ITrainingStage stage, bool resume = false) =>
        new(stage, new RunOptions { Folder = folder.File("run"), CheckpointEvery = 4, EvaluateEvery = 0, Resume = resume }, NullLogger.Instance, TrainingProgress.Silent);

    [Test]
    public void SkippedStepsAreCountedInTheMetricsAndSurviveAResume()
    {
        var failing = new HashSet<int> { 3, 6, 7 };
        var stage = new ScriptedStage(10, failing.Contains);
        var run = Run(stage);
        Assert.Throws<OperationCanceledException>(() => run.Execute(afterStep: step => { if (step == 8) throw new OperationCanceledException(); }));
        Assert.That(run.SkippedSteps, Is.EqualTo(3));

        var resumedStage = new ScriptedStage(10, failing.Contains);
        var resumed = Run(resumedStage, resume: true);
        resumed.Execute();
        var train = MetricsLog.Read(folder.File("run/metrics.jsonl")).Where(r => r.Kind == "train").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(resumed.SkippedSteps, Is.EqualTo(3), "the count of the steps before the resume is kept");
            Assert.That(resumedStage.Applied, Is.EqualTo(7), "every step but the three failing ones was applied");
            Assert.That(train.Select(r => r.Values[TrainingRun.SkippedStepsKey]), Is.EqualTo(new double[] { 0, 0, 1, 1, 1, 2, 3, 3, 3, 3 }));
        });
    }

    [Test]
    public void ARunWhoseStepsKeepFailingStopsNamingTheStageStepAndTermsAndItsCheckpointResumes()
    {
        var stage = new ScriptedStage(20, step => step >= 6);
        var run = Run(stage);
        var error = Assert.Throws<TrainingDivergedException>(() => run.Execute());
        Assert.Multiple(() =>
        {
            Assert.That(error!.Stage, Is.EqualTo("scripted"));
            Assert.That(error.Step, Is.EqualTo(8), "three steps in a row (6, 7, 8) fail");
            Assert.That(error.NonFiniteTerms, Is.EqualTo(new[] { "loss" }));
            Assert.That(error.LastCheckpointStep, Is.EqualTo(4));
            Assert.That(error.Message, Does.Contain("step 8").And.Contain("loss").And.Contain("step 4"));
        });
        var state = TrainingState.Load(folder.File("run/state.gdporun"));
        Assert.That(state.Step, Is.EqualTo(4));
        var resumed = new ScriptedStage(20, _ => false);
        Run(resumed, resume: true).Execute();
        Assert.That(resumed.Applied, Is.EqualTo(20));
    }

    private static SyntheticPairSource Source() =>
        new(new ImageFolder(TestImages.Folder, heldOutFraction: 0), ScaleFactor.X2, DegradationSettings.Clean, minTextureFraction: 0.3);

    /// <summary>
    /// A forced divergence: a learning rate of 1e20 makes the first update huge and every later forward pass overflow. No
    /// non-finite weight is ever applied or written, and the run stops after three skipped steps with the reason.
    /// </summary>
    [Test]
    public void StageOneWithAHugeLearningRateStopsWithFiniteWeights()
    {
        using var data = Source();
        manual_seed(3);
        using var model = new NoiseAwareOneStepModel(TinyModels.Architecture);
        var settings = new PretrainSettings { Steps = 50, BatchSize = 2, LowResCrop = 16, LearningRate = 1e20, AdversarialWeight = 0, Seed = 3 };
        using var trainer = new Pretrainer(model, data, settings);
        var run = new TrainingRun(trainer, new RunOptions { Folder = folder.File("run"), CheckpointEvery = 1, EvaluateEvery = 0 }, NullLogger.Instance, TrainingProgress.Silent);
        var error = Assert.Throws<TrainingDivergedException>(() => run.Execute());
        TestContext.Out.WriteLine(error!.Message);
        Assert.Multiple(() =>
        {
            Assert.That(error.Stage, Is.EqualTo("pretrain"));
            Assert.That(error.NonFiniteTerms, Does.Contain("loss"));
            Assert.That(run.SkippedSteps, Is.EqualTo(3));
            Assert.That(model.Network.parameters().All(p => p.isfinite().all().item<bool>()), Is.True, "no non-finite update was applied");
            Assert.That(TrainingState.Load(folder.File("run/state.gdporun")).Step, Is.EqualTo(error.LastCheckpointStep));
        });
    }

    [Test]
    public void GdpoWithAHugeLearningRateStopsWithFiniteWeights()
    {
        using var data = Source();
        using var policy = TinyModels.NoiseDependent();
        using var reference = ModelCopies.Clone(policy);
        var settings = new GdpoSettings { Steps = 40, BatchSize = 2, LowResCrop = 16, GroupSize = 3, LearningRate = 1e20, Seed = 2 };
        using var trainer = new GdpoTrainer(policy, reference, data, settings);
        var run = new TrainingRun(trainer, new RunOptions { Folder = folder.File("run"), CheckpointEvery = 1, EvaluateEvery = 0 }, NullLogger.Instance, TrainingProgress.Silent);
        var error = Assert.Throws<TrainingDivergedException>(() => run.Execute());
        TestContext.Out.WriteLine(error!.Message);
        Assert.Multiple(() =>
        {
            Assert.That(error.Stage, Is.EqualTo("gdpo"));
            Assert.That(policy.Network.parameters().All(p => p.isfinite().all().item<bool>()), Is.True);
        });
    }

    [Test]
    public void AModelWithNonFiniteWeightsIsNeitherWrittenNorLoaded()
    {
        using var model = TinyModels.NoiseDependent();
        var record = new TrainingRecord { Stage = "pretrain", Steps = 1 };
        byte[] good = ModelCheckpoint.Serialize(model, record);
        using (no_grad()) model.Network.parameters().First().view(-1)[3] = tensor(float.NaN);
        var refused = Assert.Throws<CheckpointException>(() => ModelCheckpoint.Save(folder.File("nan.gdpo"), model, record));
        Assert.That(refused!.Message, Does.Contain("not finite").And.Contain("1 of"));
        Assert.That(File.Exists(folder.File("nan.gdpo")), Is.False);

        // A file written by an older build, with a valid checksum over a NaN weight, is refused on load.
        byte[] poisoned = CheckpointFiles.WithFirstWeight(good, float.NaN);
        var error = Assert.Throws<CheckpointException>(() => ModelCheckpoint.Parse(poisoned, "nan.gdpo"));
        Assert.That(error!.Message, Does.Contain("nan.gdpo").And.Contain("not finite").And.Contain("black"));
    }
}
