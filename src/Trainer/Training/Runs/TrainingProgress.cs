using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GdpoRealtime.Trainer.Training.Runs;

/// <summary>Receives a run's progress: the step reached and a short summary of its metrics.</summary>
public interface IProgressTicker
{
    void Report(int step, string summary);
}

/// <summary>Shows the progress of long work (a training run, an evaluation) while <paramref name="work"/> runs.</summary>
public interface ITrainingProgress
{
    /// <param name="unit">What is counted, plural ("steps", "pairs", "batches"), for the rate.</param>
    void Run(string title, int totalSteps, int firstStep, Action<IProgressTicker> work, string unit = "steps");
}

/// <summary>The progress display for a console: a live bar with rate and ETA on a terminal, log lines otherwise.</summary>
public static class TrainingProgress
{
    /// <param name="error">Where the command writes errors: a live bar only when that is the process's own terminal.</param>
    public static ITrainingProgress ForConsole(ILogger logger, TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? new ProgressBar() : new LoggedProgress(logger);

    public static ITrainingProgress Silent { get; } = new SilentProgress();

    private sealed class SilentProgress : ITrainingProgress, IProgressTicker
    {
        public void Run(string title, int totalSteps, int firstStep, Action<IProgressTicker> work, string unit = "steps") => work(this);

        public void Report(int step, string summary) { }
    }
}

/// <summary>A Spectre.Console bar on standard error (standard output stays for results): stage, bar, percentage, step, steps per second, ETA, latest metrics.</summary>
public sealed class ProgressBar : ITrainingProgress
{
    public void Run(string title, int totalSteps, int firstStep, Action<IProgressTicker> work, string unit = "steps")
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 24 }, new PercentageColumn(),
                new StepColumn(), new StepRateColumn(unit), new RemainingTimeColumn(), new SummaryColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: totalSteps);
                task.Value = firstStep;
                work(new Ticker(task));
                task.Value = task.MaxValue;
                task.StopTask();
            });
    }

    private sealed class Ticker(ProgressTask task) : IProgressTicker
    {
        public void Report(int step, string summary)
        {
            task.Value = step;
            task.Tag = summary;
        }
    }

    private sealed class StepRateColumn(string unit) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{speed:0.0} {unit}/s" : $"- {unit}/s");
    }

    private sealed class StepColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text($"{task.Value:0}/{task.MaxValue:0}");
    }

    /// <summary>The latest metrics, last so that a narrow terminal cuts them rather than the bar.</summary>
    private sealed class SummaryColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Tag as string ?? "", new Style(Color.Grey));
    }
}

/// <summary>Progress as log lines (for redirected output): step, percentage, rate, ETA and the metrics summary, every 5% or 30 s.</summary>
public sealed class LoggedProgress(ILogger logger) : ITrainingProgress
{
    public void Run(string title, int totalSteps, int firstStep, Action<IProgressTicker> work, string unit = "steps") =>
        work(new Ticker(logger, title, totalSteps, firstStep, unit));

    private sealed class Ticker(ILogger logger, string title, int total, int first, string unit) : IProgressTicker
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private readonly int every = Math.Max(1, total / 20);
        private TimeSpan lastLog;

        public void Report(int step, string summary)
        {
            bool due = step % every == 0 || step == total || watch.Elapsed - lastLog > TimeSpan.FromSeconds(30);
            if (!due) return;
            lastLog = watch.Elapsed;
            double rate = (step - first) / Math.Max(1e-9, watch.Elapsed.TotalSeconds);
            var eta = TimeSpan.FromSeconds(rate > 0 ? (total - step) / rate : 0);
            logger.LogInformation("{Title} {Step}/{Total} ({Percent:0}%)  {Rate:0.00} {Unit}/s  ETA {Eta:hh\\:mm\\:ss}  {Summary}",
                title, step, total, 100.0 * step / total, rate, unit, eta, summary);
        }
    }
}
