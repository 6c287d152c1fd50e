using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GdpoRealtime.Runtime.Errors;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Trainer.Training.Runs;

/// <summary>Where and how often a run writes its state, metrics and figure.</summary>
public sealed record RunOptions
{
    /// <summary>The run folder: state.gdporun, metrics.jsonl, training.png.</summary>
    public required string Folder { get; init; }

    public int CheckpointEvery { get; init; } = 250;

    /// <summary>Held-out evaluation interval in steps (0 = only before and after training).</summary>
    public int EvaluateEvery { get; init; } = 250;

    public bool Resume { get; init; }

    /// <summary>A run stops when this many steps in a row could not be applied (non-finite losses or gradients, each tried twice).</summary>
    public int MaxConsecutiveSkippedSteps { get; init; } = 3;

    /// <summary>What else the result depends on (the data, the parent model), checked on resume with the stage's settings.</summary>
    public IReadOnlyDictionary<string, string> Context { get; init; } = new Dictionary<string, string>();

    public string StatePath => Path.Combine(Folder, "state.gdporun");
    public string MetricsPath => Path.Combine(Folder, "metrics.jsonl");
    public string FigurePath => Path.Combine(Folder, "training.png");

    public void Validate()
    {
        if (MaxConsecutiveSkippedSteps < 1)
            throw new InvalidSettingException($"The limit of {MaxConsecutiveSkippedSteps} skipped steps in a row is out of range", "Allow at least 1.");
        if (CheckpointEvery < 1 || EvaluateEvery < 0)
            throw new InvalidSettingException($"Checkpoint interval {CheckpointEvery} and evaluation interval {EvaluateEvery} are out of range",
                "Use a checkpoint interval of at least 1 step and an evaluation interval of 0 (start and end only) or more.");
    }
}

/// <summary>
/// Drives a stage through its steps: resumes from the run folder's state, logs every step's metrics,
/// evaluates at intervals, writes the state atomically every N steps, at the end and on Ctrl+C, redraws
/// the figure at every checkpoint, and shows progress with rate and ETA. A run killed outright loses at
/// most the steps since its last checkpoint, and resuming continues exactly as if it had never stopped.
/// </summary>
public sealed class TrainingRun(ITrainingStage stage, RunOptions options, ILogger logger, ITrainingProgress progress)
{
    /// <summary>Metric of every training step: how many steps of the run so far were skipped (not applied).</summary>
    public const string SkippedStepsKey = "skipped_steps";

    private const string CountersSection = "run-counters";

    /// <summary>Held-out scores of the last evaluation (after the final step once the run is complete).</summary>
    public IReadOnlyDictionary<string, double> LastEvaluation { get; private set; } = new Dictionary<string, double>();

    /// <summary>Steps of the whole run (before a resume too) whose update was not applied because a loss term or gradient was not finite.</summary>
    public long SkippedSteps { get; private set; }

    /// <summary>The step of the latest training state written (0 before the first).</summary>
    public long LastCheckpointStep { get; private set; }

    /// <param name="afterStep">Called after each step is logged (and checkpointed, when due); tests use it to stop a run mid-way.</param>
    public void Execute(CancellationToken cancel = default, Action<int>? afterStep = null)
    {
        options.Validate();
        PrepareFolder();
        int start = 0;
        if (options.Resume)
        {
            var state = TrainingState.Load(options.StatePath);
            CheckCompatible(state);
            stage.Restore(state);
            start = (int)state.Step;
            LastCheckpointStep = start;
            SkippedSteps = state.Sections.ContainsKey(CountersSection) ? ReadCounters(state) : 0;
            logger.LogInformation("Resuming {Stage} at step {Step} of {Total} from {Path}", stage.Name, start, stage.TotalSteps, options.StatePath);
        }
        else if (File.Exists(options.StatePath))
        {
            throw new InvalidSettingException($"Run folder '{options.Folder}' already holds a run ({options.StatePath})",
                "Resume it to continue, or choose another run folder (or delete that one) to start afresh.") { Setting = Settings.Resume };
        }

        using var metrics = new MetricsLog(options.MetricsPath, start);
        if (start == 0) Evaluate(metrics, 0);
        if (start >= stage.TotalSteps)
        {
            logger.LogInformation("{Stage} already finished all {Total} steps", stage.Name, stage.TotalSteps);
            LastEvaluation = MetricsLog.Read(options.MetricsPath).LastOrDefault(r => r.Kind == "eval")?.Values ?? LastEvaluation;
            return;
        }
        int completed = start;
        int skippedInARow = 0;
        var progressKeys = stage.ProgressKeys.Append(SkippedStepsKey).ToList();
        try
        {
            progress.Run(stage.Name, stage.TotalSteps, start, ticker =>
            {
                for (int step = start + 1; step <= stage.TotalSteps; step++)
                {
                    cancel.ThrowIfCancellationRequested();
                    var outcome = stage.Step(step);
                    var values = new SortedDictionary<string, double>(outcome.Values.ToDictionary(), StringComparer.Ordinal);
                    if (outcome.Applied) skippedInARow = 0;
                    else
                    {
                        SkippedSteps++;
                        skippedInARow++;
                        logger.LogWarning("{Stage} step {Step} skipped: {Terms} not finite twice on the same batch; weights and optimizer state unchanged",
                            stage.Name, step, string.Join(", ", outcome.NonFiniteTerms));
                    }
                    values[SkippedStepsKey] = SkippedSteps;
                    completed = step;
                    metrics.Append(new MetricsRecord(step, "train", values));
                    if (skippedInARow >= options.MaxConsecutiveSkippedSteps)
                        throw new TrainingDivergedException(stage.Name, step, skippedInARow, outcome.NonFiniteTerms, LastCheckpointStep);
                    ticker.Report(step, Summary(values, progressKeys));
                    bool last = step == stage.TotalSteps;
                    if (last || (options.EvaluateEvery > 0 && step % options.EvaluateEvery == 0)) Evaluate(metrics, step);
                    if (last || step % options.CheckpointEvery == 0) Checkpoint(step);
                    afterStep?.Invoke(step);
                }
            });
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: keep every completed step.
            if (completed > start && completed % options.CheckpointEvery != 0 && completed != stage.TotalSteps) Checkpoint(completed);
            logger.LogWarning("Interrupted after step {Step}; resuming the run continues from there", completed);
            throw;
        }
    }

    private void Evaluate(MetricsLog metrics, int step)
    {
        var values = stage.Evaluate(step);
        LastEvaluation = values;
        metrics.Append(new MetricsRecord(step, "eval", values));
        logger.LogInformation("{Stage} held-out at step {Step}: {Values}", stage.Name, step,
            string.Join(", ", values.Select(v => $"{v.Key} {v.Value.ToString("0.####", CultureInfo.InvariantCulture)}")));
    }

    private void Checkpoint(int step)
    {
        var state = new TrainingState { Stage = stage.Name, Step = step, Settings = RunSettings };
        stage.Save(state);
        state.Write(CountersSection, w => w.Write(SkippedSteps));
        state.Save(options.StatePath);
        LastCheckpointStep = step;
        try
        {
            MetricsPlot.Render(MetricsLog.Read(options.MetricsPath), stage.Panels, options.FigurePath);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A figure is a convenience; a failure to draw it must not stop a long run.
            logger.LogWarning("Could not draw {Figure}: {Message}", options.FigurePath, e.Message);
        }
    }

    /// <summary>The stage's settings with the run's context added, as one JSON object.</summary>
    private string RunSettings
    {
        get
        {
            var merged = JsonNode.Parse(stage.Settings)?.AsObject() ?? new JsonObject();
            foreach (var (name, value) in options.Context.OrderBy(c => c.Key, StringComparer.Ordinal)) merged[name] = value;
            return merged.ToJsonString();
        }
    }

    private static long ReadCounters(TrainingState state)
    {
        long skipped = 0;
        state.Read(CountersSection, r => skipped = r.ReadInt64());
        return skipped;
    }

    private static string Summary(IReadOnlyDictionary<string, double> values, IReadOnlyList<string> keys) =>
        string.Join("  ", keys.Where(values.ContainsKey).Select(k => $"{k} {values[k].ToString("0.#####", CultureInfo.InvariantCulture)}"));

    private void PrepareFolder()
    {
        try
        {
            Directory.CreateDirectory(options.Folder);
            string probe = Path.Combine(options.Folder, $".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, Array.Empty<byte>());
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSettingException($"Run folder '{options.Folder}' cannot be written: {e.Message}", "Choose a writable run folder.", e) { Setting = Settings.RunFolder };
        }
    }

    private void CheckCompatible(TrainingState state)
    {
        if (state.Stage != stage.Name)
            throw new InvalidSettingException($"Run folder '{options.Folder}' holds a '{state.Stage}' run, not '{stage.Name}'",
                "Resume it with the command that started it, or choose another run folder.") { Setting = Settings.RunFolder };
        if (state.Settings == RunSettings) return;
        var differences = Differences(state.Settings, RunSettings);
        throw new InvalidSettingException($"The run in '{options.Folder}' was started with other settings ({string.Join("; ", differences)})",
            "Resume with the settings it was started with, or start a new run in another run folder.") { Setting = Settings.RunFolder };
    }

    private static List<string> Differences(string saved, string current)
    {
        try
        {
            using var a = JsonDocument.Parse(saved);
            using var b = JsonDocument.Parse(current);
            var left = a.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
            var right = b.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
            return left.Keys.Union(right.Keys).Order(StringComparer.Ordinal)
                .Where(k => !left.TryGetValue(k, out var l) || !right.TryGetValue(k, out var r) || l != r)
                .Select(k => $"{k}: {left.GetValueOrDefault(k, "unset")} then, {right.GetValueOrDefault(k, "unset")} now")
                .ToList();
        }
        catch (JsonException)
        {
            return new List<string> { "unreadable settings" };
        }
    }
}
