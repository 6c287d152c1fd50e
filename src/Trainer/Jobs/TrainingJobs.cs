using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Training;
using GdpoRealtime.Trainer.Training.Gdpo;
using GdpoRealtime.Trainer.Training.Pretraining;
using GdpoRealtime.Trainer.Training.Runs;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Trainer.Jobs;

/// <summary>Stage 1 as a job: train a new network on the data and write the model.</summary>
public sealed record PretrainJob
{
    public required JobData Data { get; init; }
    public required JobOutput Output { get; init; }
    public PretrainSettings Settings { get; init; } = new();
    public int Channels { get; init; } = new ModelArchitecture().Channels;
    public int ResidualBlocks { get; init; } = new ModelArchitecture().ResidualBlocks;

    /// <summary>The scale to train, or null for the data's own (x2 for image folders).</summary>
    public ScaleFactor? Scale { get; init; }

    public JobDevice Device { get; init; } = new();

    /// <summary>How the job was asked for (a command line), kept in the model's record.</summary>
    public string? Command { get; init; }
}

/// <summary>Stage 2 as a job: GDPO, its shuffled control or the supervised baseline, from a parent model.</summary>
public sealed record GdpoJob
{
    public required JobData Data { get; init; }
    public required JobOutput Output { get; init; }

    /// <summary>The stage-1 model to tune (the frozen reference): a .gdpo path, or null for the built-in model.</summary>
    public required string? ParentModel { get; init; }

    public GdpoSettings Settings { get; init; } = new();

    /// <summary>With no parent model: the scale of the built-in model to tune (x2 when null).</summary>
    public ScaleFactor? Scale { get; init; }

    public JobDevice Device { get; init; } = new();
    public string? Command { get; init; }
}

/// <summary>
/// The trainer's orchestration, usable from any program: device, data, held-out set, the run (resumable, checkpointed,
/// guarded against non-finite steps), throughput, the model's record and the atomic save. Progress and cancellation are
/// the caller's; errors are <see cref="Runtime.Errors.GdpoRealtimeException"/>s naming the cause and the fix.
/// </summary>
public static class TrainingJobs
{
    public static TrainingJobResult Pretrain(PretrainJob job, ILogger logger, ITrainingProgress progress, CancellationToken cancel = default)
    {
        job.Settings.Validate();
        job.Output.Validate();
        var run = RunOptionsOf(job.Output);
        var device = TorchDevices.Select(job.Device.Preference, job.Device.TorchLibraryDirectory, logger);
        using var opened = PairSources.Open(job.Data.Folders, job.Scale, job.Data.Options, logger);
        var architecture = ModelArchitecture.For(opened.Scale, job.Channels, job.ResidualBlocks);
        architecture.Validate();
        logger.LogInformation("Data: {Description}", opened.Source.Description);
        using var heldOut = HeldOut(opened, job.Data.Evaluation, logger);

        TorchSharp.torch.manual_seed((long)job.Settings.Seed);
        using var model = new NoiseAwareOneStepModel(architecture).To(device.Device);
        using var trainer = new Pretrainer(model, opened.Source, job.Settings, heldOut is null ? null : new HeldOutMonitor(heldOut));
        logger.LogInformation("Network: {Parameters:N0} parameters, {Gflops:F1} GFLOPs per 1920x1080 frame; discriminator {Discriminator:N0} parameters",
            model.Network.ParameterCount, architecture.GigaFlopsPerFrame(1920, 1080), trainer.DiscriminatorParameters);
        var loop = new TrainingRun(trainer, run with { Context = Context(opened, architecture) }, logger, progress);
        var throughput = Execute(loop, run, job.Settings.Steps, job.Settings.BatchSize * job.Settings.SamplesPerCrop, logger, cancel);

        var diversity = heldOut is null ? null : DiversityProbe.Measure(model, heldOut);
        if (diversity is not null) logger.LogInformation("Diversity {Diversity}", diversity);
        var figures = Figures(loop.LastEvaluation, diversity?.Figures ?? new Dictionary<string, double>(), throughput.Figures("crops"), SkippedSteps(loop));
        var record = Record(job.Command, trainer.Name, job.Settings.Steps, AsGiven(opened.Source.Description, job.Data.Folders), device,
            job.Settings.ToJson(), figures, parent: null);
        ModelCheckpoint.Save(job.Output.ModelPath, model, record);
        return new TrainingJobResult(job.Output.ModelPath, run.Folder, record, throughput, loop.SkippedSteps) { Diversity = diversity };
    }

    public static TrainingJobResult Gdpo(GdpoJob job, ILogger logger, ITrainingProgress progress, CancellationToken cancel = default)
    {
        job.Settings.Validate();
        job.Output.Validate();
        var run = RunOptionsOf(job.Output);
        var checkpoint = ModelLoader.Find(job.ParentModel, job.Scale);
        var device = TorchDevices.Select(job.Device.Preference, job.Device.TorchLibraryDirectory, logger);
        using var opened = PairSources.Open(job.Data.Folders, checkpoint.Architecture.Scale, job.Data.Options, logger);
        logger.LogInformation("Data: {Description}", opened.Source.Description);
        using var heldOut = HeldOut(opened, job.Data.Evaluation, logger);

        using var policy = checkpoint.CreateModel().To(device.Device);
        using var reference = checkpoint.CreateModel().To(device.Device);
        using var trainer = new GdpoTrainer(policy, reference, opened.Source, job.Settings, heldOut is null ? null : new HeldOutMonitor(heldOut));
        var settings = job.Settings;
        logger.LogInformation("{Stage} of {Model} ({Stage1}, {Steps} steps): G {G}, omega {Omega}, lr {Lr}, {Total} steps of {Batch} inputs",
            trainer.Name, checkpoint.Source, checkpoint.Training.Stage, checkpoint.Training.Steps, settings.GroupSize, settings.Omega,
            settings.LearningRate, settings.Steps, settings.BatchSize);
        var context = Context(opened, checkpoint.Architecture);
        context["parent"] = job.ParentModel is null ? "built-in" : FileHash(job.ParentModel);
        var loop = new TrainingRun(trainer, run with { Context = context }, logger, progress);
        var throughput = Execute(loop, run, settings.Steps, settings.BatchSize * settings.GroupSize, logger, cancel);

        var figures = Figures(loop.LastEvaluation, throughput.Figures("candidates"), SkippedSteps(loop));
        string parentName = job.ParentModel is null ? "built-in" : Path.GetFileName(job.ParentModel);
        var record = Record(job.Command, trainer.Name, settings.Steps, AsGiven(opened.Source.Description, job.Data.Folders), device, settings.ToJson(), figures,
            parent: $"{parentName} ({checkpoint.Training.Stage}, {checkpoint.Training.Steps} steps)");
        ModelCheckpoint.Save(job.Output.ModelPath, policy, record);
        return new TrainingJobResult(job.Output.ModelPath, run.Folder, record, throughput, loop.SkippedSteps);
    }

    private static RunOptions RunOptionsOf(JobOutput output)
    {
        var options = new RunOptions
        {
            Folder = output.Folder, Resume = output.Resume, CheckpointEvery = output.CheckpointEvery, EvaluateEvery = output.EvaluateEvery,
        };
        options.Validate();
        return options;
    }

    private static EvaluationSet? HeldOut(PairSources.Opened opened, EvaluationOptions options, ILogger logger)
    {
        var set = EvaluationSet.FromHeldOutIfAny(opened.Source, opened.Scale, options);
        if (set is null) logger.LogWarning("The data holds no held-out pairs (too few images or frames): training without held-out scores");
        else logger.LogInformation("Held-out evaluation: {Description}", set.Description);
        return set;
    }

    private static Throughput Execute(TrainingRun loop, RunOptions options, int totalSteps, int samplesPerStep, ILogger logger, CancellationToken cancel)
    {
        int first = options.Resume && File.Exists(options.StatePath) ? (int)TrainingState.Load(options.StatePath).Step : 0;
        var watch = Stopwatch.StartNew();
        loop.Execute(cancel);
        watch.Stop();
        int ran = Math.Max(0, totalSteps - first);
        double rate = ran / Math.Max(1e-9, watch.Elapsed.TotalSeconds);
        var throughput = new Throughput(rate, rate * samplesPerStep, ran, watch.Elapsed.TotalSeconds);
        logger.LogInformation("Throughput: {Throughput}", throughput);
        return throughput;
    }

    private static Dictionary<string, double> SkippedSteps(TrainingRun loop) => new() { [TrainingRun.SkippedStepsKey] = loop.SkippedSteps };

    private static Dictionary<string, string> Context(PairSources.Opened opened, ModelArchitecture architecture) => new()
    {
        ["data"] = opened.Source.Description,
        ["architecture"] = $"x{architecture.Scale} {architecture.Channels} channels {architecture.ResidualBlocks} blocks",
    };

    private static string FileHash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))[..16];

    private static SortedDictionary<string, double> Figures(params IReadOnlyDictionary<string, double>[] parts)
    {
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in parts)
            foreach (var (name, value) in part)
                if (double.IsFinite(value)) figures[name] = Math.Round(value, 5);
        return figures;
    }

    /// <summary>
    /// The data description with the folder as the user wrote it, not as this machine resolves it: a model's
    /// record travels with the model and should not carry the trainer's absolute paths.
    /// </summary>
    private static string AsGiven(string description, IEnumerable<string> folders) =>
        folders.Aggregate(description, (text, given) =>
            text.Replace(Path.GetFullPath(given).TrimEnd(Path.DirectorySeparatorChar), given.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal));

    private static TrainingRecord Record(string? command, string stage, int steps, string data, TorchDevice device, string settings,
        SortedDictionary<string, double> figures, string? parent) => new()
    {
        Stage = stage,
        Steps = steps,
        Command = command,
        Data = data,
        Device = device.ToString(),
        Parent = parent,
        CreatedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        Notes = "settings " + settings,
        Figures = figures,
    };
}
