using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.IO;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Training.Runs;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Trainer.Jobs;

/// <summary>A model to score and its name in the table.</summary>
/// <param name="Path">A .gdpo file, or null for the built-in model.</param>
public sealed record ScoredModel(string? Path, string Label);

/// <summary>Scores bicubic, models and the ground truth on the held-out pairs of a data folder, and writes what was asked.</summary>
public sealed record EvaluationJob
{
    public required JobData Data { get; init; }

    /// <summary>The models; the first is the reference of the paired differences. Labels must be distinct.</summary>
    public required IReadOnlyList<ScoredModel> Models { get; init; }

    public double NoiseStrength { get; init; } = 1.0;
    public long NoiseSeed { get; init; }

    /// <summary>With no model file: the scale of the built-in model (x2 when null).</summary>
    public ScaleFactor? Scale { get; init; }

    /// <summary>Also measure how much the noise changes each model's output.</summary>
    public bool Diversity { get; init; }

    public string? CropsPath { get; init; }
    public string? JsonPath { get; init; }
    public string? PlotPath { get; init; }
    public JobDevice Device { get; init; } = new();
}

/// <summary>What an evaluation measured, and what it wrote.</summary>
public sealed record EvaluationJobResult(EvaluationReport Report, IReadOnlyList<(string Label, LoadedCheckpoint Checkpoint)> Models, TorchDevice Device)
{
    public IReadOnlyList<(string Label, DiversityReport Diversity)> Diversity { get; init; } = Array.Empty<(string, DiversityReport)>();

    /// <summary>Each file written, with what it shows.</summary>
    public IReadOnlyList<(string Path, string What)> Written { get; init; } = Array.Empty<(string, string)>();
}

public static class EvaluationJobs
{
    public static EvaluationJobResult Run(EvaluationJob job, ILogger logger, ITrainingProgress progress)
    {
        if (job.Models.Count == 0) throw new InvalidSettingException("No model to evaluate was given", "Name at least one model (or the built-in one).");
        var duplicate = job.Models.GroupBy(m => m.Label).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidSettingException($"Two models are both named '{duplicate.Key}' in the table", "Give them distinct labels.");
        RequireOutput(job.CropsPath, ".png", "crops picture");
        RequireOutput(job.JsonPath, ".json", "scores file");
        RequireOutput(job.PlotPath, ".png", "trade-off picture");
        using var field = new NoiseField(job.NoiseSeed, job.NoiseStrength);
        var checkpoints = job.Models.Select(m => ModelLoader.Find(m.Path, job.Scale)).ToList();
        var scale = checkpoints[0].Architecture.Scale;
        if (checkpoints.FirstOrDefault(c => c.Architecture.Scale != scale) is { } other)
            throw new InvalidSettingException($"Model '{other.Source}' upscales x{other.Architecture.Scale}, but '{checkpoints[0].Source}' x{scale}",
                "Compare models of one scale.");

        var device = TorchDevices.Select(job.Device.Preference, job.Device.TorchLibraryDirectory, logger);
        var dataOptions = job.Data.Options with { LoadTraining = false };
        using var opened = PairSources.Open(job.Data.Folders, scale, dataOptions, logger);
        var setOptions = job.Data.Evaluation;
        setOptions.Validate();
        var pairs = opened.Source.HeldOut(setOptions.MaxLowResSide);
        EvaluationSet? built = null;
        progress.Run("held-out set: tiles and texture maps", pairs.Count, 0, ticker =>
            built = EvaluationSet.FromPairs(pairs, opened.Source.Description, opened.Scale, setOptions, (done, _) => ticker.Report(done, "")), "pairs");
        using var set = built!;
        logger.LogInformation("Data: {Description}; evaluating on {Set}", opened.Source.Description, set.Description);

        var loaded = new List<NoiseAwareOneStepModel>();
        try
        {
            foreach (var checkpoint in checkpoints)
            {
                var model = checkpoint.CreateModel().To(device.Device);
                model.Network.eval();
                loaded.Add(model);
            }
            var upscalers = new List<(string Label, BatchMethod Upscale)> { ("bicubic", EvaluationMethods.Bicubic(scale)), ("lanczos", EvaluationMethods.Lanczos(scale)) };
            upscalers.AddRange(loaded.Select((m, i) => (job.Models[i].Label, EvaluationMethods.Model(m, field))));
            var methods = new List<MethodScores>();
            int batches = ModelEvaluator.BatchCount(set);
            foreach (var (label, upscale) in upscalers)
                progress.Run($"scoring {label}", batches, 0, ticker =>
                    methods.Add(new MethodScores(label, ModelEvaluator.Evaluate(upscale, set, (done, _) => ticker.Report(done, "")))), "batches");
            methods.Add(new MethodScores("ground truth", ModelEvaluator.EvaluateGroundTruth(set)));
            var report = new EvaluationReport(set.Description, methods, job.Models[0].Label);
            var diversity = job.Diversity
                ? loaded.Select((m, i) => (job.Models[i].Label, DiversityProbe.Measure(m, set))).ToList()
                : new List<(string, DiversityReport)>();

            var written = new List<(string, string)>();
            if (job.JsonPath is { } json)
            {
                AtomicFile.WriteAllBytes(json, System.Text.Encoding.UTF8.GetBytes(report.ToJson()));
                written.Add((json, "every per-item score"));
            }
            if (job.PlotPath is { } plot)
            {
                ImageFile.SavePng(plot, TradeOffPlot.Render(report));
                written.Add((plot, $"Δ texture and Δ smooth PSNR-Y of every method against {report.ReferenceName}"));
            }
            if (job.CropsPath is { } crops)
            {
                var image = TexturedCrops.Compose(set, upscalers);
                ImageFile.SavePng(crops, image);
                written.Add((crops, $"low-res | {string.Join(" | ", upscalers.Select(u => u.Label))} | ground truth, {image.Width}x{image.Height}"));
            }
            return new EvaluationJobResult(report, job.Models.Select((m, i) => (m.Label, checkpoints[i])).ToList(), device)
            {
                Diversity = diversity, Written = written,
            };
        }
        finally
        {
            foreach (var model in loaded) model.Dispose();
        }
    }

    private static void RequireOutput(string? path, string extension, string what)
    {
        if (path is null) return;
        if (!Path.GetExtension(path).Equals(extension, StringComparison.OrdinalIgnoreCase))
            throw new InvalidSettingException($"The {what} path '{path}' is not a {extension} path", $"Give it a {extension} name.");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new InvalidSettingException($"Output folder '{folder}' does not exist", "Create it first or choose another path.");
    }
}
