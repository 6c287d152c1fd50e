using System.CommandLine;
using GdpoRealtime.Cli.CommandLine;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Jobs;
using GdpoRealtime.Trainer.Training.Runs;

using GdpoRealtime.Cli.Commands.Options;

namespace GdpoRealtime.Cli.Commands;

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
        var data = new DataOptionSet();
        var evaluation = new EvaluationOptionSet(items: 256);
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
            var paths = parse.GetValue(models) ?? Array.Empty<string>();
            var names = Labels(paths, parse.GetValue(labels) ?? Array.Empty<string>());
            var dataOptions = data.Read(parse) with { HeldOutFraction = parse.GetValue(allHeldOut) ? 1.0 : 0.1 };
            var job = new EvaluationJob
            {
                Data = new JobData { Folders = parse.GetRequiredValue(data.Data), Options = dataOptions, Evaluation = evaluation.Read(parse, dataOptions) },
                Models = paths.Select((p, i) => new ScoredModel(p == "default" ? null : p, names[i])).ToList(),
                NoiseStrength = parse.GetValue(noise), NoiseSeed = parse.GetValue(seed), Scale = common.ScaleOf(parse),
                Diversity = parse.GetValue(diversity), CropsPath = parse.GetValue(crops), JsonPath = parse.GetValue(json), PlotPath = parse.GetValue(plot),
                Device = common.JobDeviceOf(parse),
            };
            var result = EvaluationJobs.Run(job, logger, TrainingProgress.ForConsole(logger, parse.InvocationConfiguration.Error));
            var console = parse.InvocationConfiguration.Output;
            foreach (var (label, checkpoint) in result.Models)
            {
                var record = checkpoint.Training;
                console.WriteLine($"{label}: {checkpoint.Source}: {record.Stage}, {record.Steps} steps" + (record.Parent is null ? "" : $", from {record.Parent}"));
            }
            console.WriteLine($"noise strength {job.NoiseStrength}, seed {job.NoiseSeed}; {result.Device}");
            console.Write(result.Report.Format());
            console.WriteLine("texture: 1 = the ground truth's own local detail statistics; detail ratio: below 1 blurred, above 1 noisy or ringing.");
            foreach (var (label, measured) in result.Diversity) console.WriteLine($"diversity of {label}: {measured}");
            foreach (var (path, what) in result.Written) console.WriteLine($"wrote {path}: {what}");
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
}
