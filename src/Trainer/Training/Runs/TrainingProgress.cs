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

/// <summary>Shows the progress of a long run while <paramref name="work"/> runs.</summary>
public interface ITrainingProgress
{
    void Run(string title, int totalSteps, int firstStep, Action<IProgressTicker> work);
}

/// <summary>The progress display for a console: a live bar with rate and ETA on a terminal, log lines otherwise.</summary>
public static class TrainingProgress
{
    public static ITrainingProgress ForConsole(ILogger logger) =>
        Console.IsErrorRedirected ? new LoggedProgress(logger) : new ProgressBar();

    public static ITrainingProgress Silent { get; } = new SilentProgress();

    private sealed class SilentProgress : ITrainingProgress, IProgressTicker
    {
        public void Run(string title, int totalSteps, int firstStep, Action<IProgressTicker> work) => work(this);

        public void Report(int step, string summary) { }
    }
}

/// <summary>A Spectre.Console bar on standard error (standard output stays for results): description, bar, percentage, steps per second, ETA, elapsed.</summary>
public sealed class ProgressBar : ITrainingProgress
{
    public void Run(string title, int totalSteps, int firstStep, Action<IProgressTicker> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new StepRateColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: totalSteps);
                task.Value = firstStep;
                work(new Ticker(task, title));
                task.Value = task.MaxValue;
                task.StopTask();
            });
    }

    private sealed class Ticker(ProgressTask task, string title) : IProgressTicker
    {
        public void Report(int step, string summary)
        {
            task.Value = step;
            task.Description = Markup.Escape($"{title} {step}/{task.MaxValue:0} {summary}");
        }
    }

    private sealed class StepRateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{speed:0.0} steps/s" : "- steps/s");
    }
}

/// <summary>Progress as log lines (for redirected output): step, percentage, rate, ETA and the metrics summary, every 5% or 30 s.</summary>
public sealed class LoggedProgress(ILogger logger) : ITrainingProgress
{
    public void Run(string title, int totalSteps, int firstStep, Action<IProgressTicker> work) =>
        work(new Ticker(logger, title, totalSteps, firstStep));

    private sealed class Ticker(ILogger logger, string title, int total, int first) : IProgressTicker
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
            logger.LogInformation("{Title} step {Step}/{Total} ({Percent:0}%)  {Rate:0.00} steps/s  ETA {Eta:hh\\:mm\\:ss}  {Summary}",
                title, step, total, 100.0 * step / total, rate, eta, summary);
        }
    }
}
