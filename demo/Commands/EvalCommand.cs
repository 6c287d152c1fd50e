using System.CommandLine;
using GdpoRealtime.Demo.Cli;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.IO;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Training.Runs;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Demo.Commands;

/// <summary>
/// gdpo-sr eval --data DIR --model A [--model B ...]: scores bicubic, every model and the ground truth on
/// the held-out frames (PSNR-Y, SSIM-Y, PSNR-Y on smooth regions, texture score on texture regions, detail
/// ratio), prints the table with standard errors and paired differences against the first model, and
/// writes side-by-side crops of the most textured regions.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var data = new TrainCommand.DataOptionSet();
        var evaluation = new TrainCommand.EvaluationOptionSet(items: 256);
        var models = new Option<string[]>("--model")
        {
            Description = "A .gdpo model to score; repeat for more (the first is the reference of the difference columns). 'default' is the built-in model.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var labels = new Option<string[]>("--label") { Description = "Names for the models in the table, in order (default: file names).", Arity = ArgumentArity.ZeroOrMore };
        var noise = new Option<double>("--noise") { DefaultValueFactory = _ => 1.0, Description = "Noise strength of the models in [0, 1] (1 = as trained)." };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0, Description = "Seed of the fixed noise field." };
        var crops = new Option<string?>("--crops") { Description = "Write side-by-side crops of the most textured held-out regions to this PNG." };
        var json = new Option<string?>("--json") { Description = "Write every per-item score to this JSON file." };
        var plot = new Option<string?>("--plot")
        {
            Description = "Draw each method's change of texture score and smooth-region PSNR-Y against the first model, with the 0.1 dB bound, to this PNG.",
        };
        var allHeldOut = new Option<bool>("--all-held-out")
        {
            Description = "Score every pair of the folder, not only its held-out split (for a folder captured or collected apart from the training data).",
        };
        var diversity = new Option<bool>("--diversity") { Description = "Also measure how much the noise changes each model's output (6 noises per item)." };
        var common = new CommonOptions();
        var command = new Command("eval", "Score bicubic and models on the held-out frames of a data folder.")
        {
            models, labels, noise, seed, crops, json, plot, allHeldOut, diversity,
        };
        data.AddTo(command);
        evaluation.AddTo(command);
        common.AddTo(command, model: false);
        command.SetAction(parse =>
        {
            using var logging = ConsoleLogging.Create(parse.GetValue(common.Verbose));
            var logger = logging.CreateLogger("eval");
            var console = parse.InvocationConfiguration.Output;
            string? cropsPath = parse.GetValue(crops), jsonPath = parse.GetValue(json), plotPath = parse.GetValue(plot);
            if (cropsPath is not null) RequireOutput(cropsPath, ".png", "--crops");
            if (jsonPath is not null) RequireOutput(jsonPath, ".json", "--json");
            if (plotPath is not null) RequireOutput(plotPath, ".png", "--plot");
            using var field = new NoiseField(parse.GetValue(seed), parse.GetValue(noise));
            var paths = parse.GetValue(models) ?? Array.Empty<string>();
            var names = Labels(paths, parse.GetValue(labels) ?? Array.Empty<string>());
            var checkpoints = paths.Select(p => ModelLoader.Find(p == "default" ? null : p, common.ScaleOf(parse))).ToList();
            var scale = checkpoints[0].Architecture.Scale;
            if (checkpoints.FirstOrDefault(c => c.Architecture.Scale != scale) is { } other)
                throw new InvalidSettingException($"Model '{other.Source}' upscales x{other.Architecture.Scale}, but '{checkpoints[0].Source}' x{scale}",
                    "Compare models of one scale.");

            var device = TorchBackend.Select(common.DeviceOf(parse), parse.GetValue(common.TorchLibDir), logger);
            var dataOptions = data.Read(parse) with { LoadTraining = false, HeldOutFraction = parse.GetValue(allHeldOut) ? 1.0 : 0.1 };
            using var opened = PairSources.Open(parse.GetRequiredValue(data.Data), scale, dataOptions, logger);
            var progress = TrainingProgress.ForConsole(logger, parse.InvocationConfiguration.Error);
            var setOptions = evaluation.Read(parse, dataOptions);
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
                var upscalers = new List<(string Label, BatchUpscaler Upscale)> { ("bicubic", Upscalers.Bicubic(scale)) };
                upscalers.AddRange(loaded.Select((m, i) => (names[i], Upscalers.Model(m, field))));
                var methods = new List<MethodScores>();
                int batches = ModelEvaluator.BatchCount(set);
                foreach (var (label, upscale) in upscalers)
                    progress.Run($"scoring {label}", batches, 0, ticker =>
                        methods.Add(new MethodScores(label, ModelEvaluator.Evaluate(upscale, set, (done, _) => ticker.Report(done, "")))), "batches");
                methods.Add(new MethodScores("ground truth", ModelEvaluator.EvaluateGroundTruth(set)));
                var report = new EvaluationReport(set.Description, methods, names[0]);
                for (int i = 0; i < checkpoints.Count; i++)
                {
                    var record = checkpoints[i].Training;
                    console.WriteLine($"{names[i]}: {checkpoints[i].Source}: {record.Stage}, {record.Steps} steps" + (record.Parent is null ? "" : $", from {record.Parent}"));
                }
                console.WriteLine($"noise strength {field.Strength}, seed {field.Seed}; {device}");
                console.Write(report.Format());
                console.WriteLine("texture: 1 = the ground truth's own local detail statistics; detail ratio: below 1 blurred, above 1 noisy or ringing.");
                if (parse.GetValue(diversity))
                    for (int i = 0; i < loaded.Count; i++)
                        console.WriteLine($"diversity of {names[i]}: {DiversityProbe.Measure(loaded[i], set)}");
                if (jsonPath is not null)
                {
                    AtomicFile.WriteAllBytes(jsonPath, System.Text.Encoding.UTF8.GetBytes(report.ToJson()));
                    console.WriteLine($"wrote {jsonPath}");
                }
                if (plotPath is not null)
                {
                    ImageFile.SavePng(plotPath, TradeOffPlot.Render(report));
                    console.WriteLine($"wrote {plotPath}: Δ texture and Δ smooth PSNR-Y of every method against {report.ReferenceName}");
                }
                if (cropsPath is not null)
                {
                    var image = TexturedCrops.Compose(set, upscalers);
                    ImageFile.SavePng(cropsPath, image);
                    console.WriteLine($"wrote {cropsPath}: low-res | {string.Join(" | ", upscalers.Select(u => u.Label))} | ground truth, {image.Width}x{image.Height}");
                }
            }
            finally
            {
                foreach (var model in loaded) model.Dispose();
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static List<string> Labels(IReadOnlyList<string> paths, IReadOnlyList<string> given)
    {
        if (given.Count > paths.Count)
            throw new InvalidSettingException($"{given.Count} labels were given for {paths.Count} models", "Give at most one --label per --model.");
        var names = paths.Select((p, i) => i < given.Count ? given[i] : p == "default" ? "built-in" : Path.GetFileNameWithoutExtension(p)).ToList();
        var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidSettingException($"Two models are both named '{duplicate.Key}' in the table", "Give them distinct --label names.");
        return names;
    }

    private static void RequireOutput(string path, string extension, string option)
    {
        if (!Path.GetExtension(path).Equals(extension, StringComparison.OrdinalIgnoreCase))
            throw new InvalidSettingException($"{option} '{path}' is not a {extension} path", $"Give it a {extension} name.");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new InvalidSettingException($"Output folder '{folder}' does not exist", "Create it first or choose another path.");
    }
}
