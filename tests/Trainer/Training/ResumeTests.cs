using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Training;
using GdpoRealtime.Trainer.Training.Gdpo;
using GdpoRealtime.Trainer.Training.Pretraining;
using GdpoRealtime.Trainer.Training.Runs;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Training;

/// <summary>A run killed mid-way and resumed ends bit for bit where the uninterrupted run ends.</summary>
public class ResumeTests
{
    private sealed class SimulatedKill : Exception;

    private TempFolder folder = null!;

    [SetUp]
    public void Create() => folder = new TempFolder();

    [TearDown]
    public void Remove() => folder.Dispose();

    private static readonly PretrainSettings Stage1 = new()
    {
        Steps = 6, BatchSize = 2, LowResCrop = 16, SamplesPerCrop = 2, AdversarialWeight = 0.05, AdversarialStart = 2,
        DiscriminatorChannels = 8, DenoisingWeight = 0.1, Seed = 5,
    };

    private static SyntheticPairSource TexturedSource() =>
        new(new ImageFolder(TestImages.Folder, heldOutFraction: 0), ScaleFactor.X2, DegradationSettings.Clean, minTextureFraction: 0.5);

    private static EvaluationSet SmallSet(IPairSource source) =>
        EvaluationSet.FromHeldOut(source, ScaleFactor.X2, new EvaluationOptions { Tile = 16, MaxItems = 4 });

    /// <summary>Runs stage 1 in <paramref name="runFolder"/> as a fresh process would: new data, model and trainer.</summary>
    private static Dictionary<string, Tensor> RunPretraining(string runFolder, bool resume, int? killAfter = null)
    {
        using var data = TexturedSource();
        using var evaluation = new FixedPairSource();
        using var set = SmallSet(evaluation);
        manual_seed(resume ? 99 : 1); // a resumed run's initial weights are overwritten by the state
        using var model = new NoiseAwareOneStepModel(TinyModels.Architecture);
        using var trainer = new Pretrainer(model, data, Stage1, new HeldOutMonitor(set));
        var run = new TrainingRun(trainer, new RunOptions { Folder = runFolder, CheckpointEvery = 2, EvaluateEvery = 3, Resume = resume },
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TrainingProgress.Silent);
        try
        {
            run.Execute(afterStep: step => { if (step == killAfter) throw new SimulatedKill(); });
        }
        catch (SimulatedKill)
        {
            return new Dictionary<string, Tensor>();
        }
        return model.Network.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
    }

    private static Dictionary<string, Tensor> RunGdpo(string runFolder, GdpoMode mode, bool resume, int? killAfter = null)
    {
        using var data = TexturedSource();
        using var policy = TinyModels.NoiseDependent();
        using var reference = ModelCopies.Clone(policy);
        var settings = new GdpoSettings { Mode = mode, Steps = 5, BatchSize = 2, LowResCrop = 16, GroupSize = 3, LearningRate = 1e-4, Seed = 8 };
        using var trainer = new GdpoTrainer(policy, reference, data, settings);
        var run = new TrainingRun(trainer, new RunOptions { Folder = runFolder, CheckpointEvery = 2, EvaluateEvery = 0, Resume = resume },
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TrainingProgress.Silent);
        try
        {
            run.Execute(afterStep: step => { if (step == killAfter) throw new SimulatedKill(); });
        }
        catch (SimulatedKill)
        {
            return new Dictionary<string, Tensor>();
        }
        return policy.Network.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
    }

    private static void AssertBitEqual(Dictionary<string, Tensor> a, Dictionary<string, Tensor> b)
    {
        Assert.That(b.Keys, Is.EquivalentTo(a.Keys));
        foreach (var (name, tensor) in a) Assert.That(Tensors.BitEqual(tensor, b[name]), Is.True, name);
    }

    private static List<double> TrainLosses(string runFolder) =>
        MetricsLog.Read(Path.Combine(runFolder, "metrics.jsonl")).Where(r => r.Kind == "train").Select(r => r.Values["loss"]).ToList();

    [Test]
    public void PretrainingResumedAfterAKillEndsBitExact()
    {
        string whole = Path.Combine(folder.Path, "whole"), killed = Path.Combine(folder.Path, "killed");
        var uninterrupted = RunPretraining(whole, resume: false);
        Assert.That(RunPretraining(killed, resume: false, killAfter: 5), Is.Empty, "killed after step 5; the last state is step 4's");
        Assert.That(TrainingState.Load(Path.Combine(killed, "state.gdporun")).Step, Is.EqualTo(4));
        var resumed = RunPretraining(killed, resume: true);
        MachineHealth.Explained(() =>
        {
            AssertBitEqual(uninterrupted, resumed);
            Assert.That(TrainLosses(killed), Is.EqualTo(TrainLosses(whole)), "the metrics log reads as if the run never stopped");
        });
        Assert.That(Directory.GetFiles(killed).Where(f => Path.GetFileName(f).StartsWith('.')), Is.Empty, "no temporary file is left");
        Assert.That(File.Exists(Path.Combine(killed, "training.png")), Is.True);
    }

    [TestCase(GdpoMode.Gdpo)]
    [TestCase(GdpoMode.Shuffled)]
    [TestCase(GdpoMode.Supervised)]
    public void GdpoResumedAfterAKillEndsBitExact(GdpoMode mode)
    {
        string whole = Path.Combine(folder.Path, "whole"), killed = Path.Combine(folder.Path, "killed");
        var uninterrupted = RunGdpo(whole, mode, resume: false);
        RunGdpo(killed, mode, resume: false, killAfter: 3);
        var resumed = RunGdpo(killed, mode, resume: true);
        MachineHealth.Explained(() =>
        {
            AssertBitEqual(uninterrupted, resumed);
            Assert.That(TrainLosses(killed), Is.EqualTo(TrainLosses(whole)));
        });
    }

    [Test]
    public void ANewRunDoesNotOverwriteAnExistingOne()
    {
        string runFolder = Path.Combine(folder.Path, "run");
        RunGdpo(runFolder, GdpoMode.Gdpo, resume: false, killAfter: 2);
        var error = Assert.Throws<InvalidSettingException>(() => RunGdpo(runFolder, GdpoMode.Gdpo, resume: false));
        Assert.That(error!.Message, Does.Contain("already holds a run").And.Contain("Resume it").And.Not.Contain("--"));
    }

    [Test]
    public void ResumingWithOtherSettingsIsRefusedNamingThem()
    {
        string runFolder = Path.Combine(folder.Path, "run");
        RunGdpo(runFolder, GdpoMode.Gdpo, resume: false, killAfter: 2);
        var error = Assert.Throws<InvalidSettingException>(() => RunGdpo(runFolder, GdpoMode.Shuffled, resume: true));
        Assert.That(error!.Message, Does.Contain("gdpo").And.Contain("gdpo-shuffled-control"));
    }

    [Test]
    public void ResumingWithoutAStateOrFromACorruptOneIsRefused()
    {
        string runFolder = Path.Combine(folder.Path, "run");
        var missing = Assert.Throws<CheckpointException>(() => RunGdpo(runFolder, GdpoMode.Gdpo, resume: true));
        Assert.That(missing!.Message, Does.Contain("no training state"));
        RunGdpo(runFolder, GdpoMode.Gdpo, resume: false, killAfter: 2);
        string state = Path.Combine(runFolder, "state.gdporun");
        var bytes = File.ReadAllBytes(state);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(state, bytes);
        var corrupt = Assert.Throws<CheckpointException>(() => RunGdpo(runFolder, GdpoMode.Gdpo, resume: true));
        Assert.That(corrupt!.Message, Does.Contain("corrupt"));
    }
}
