using System.CommandLine;
using GdpoRealtime.Cli.CommandLine;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Jobs;
using GdpoRealtime.Trainer.Rewards;
using GdpoRealtime.Trainer.Training;
using GdpoRealtime.Trainer.Training.Gdpo;
using GdpoRealtime.Trainer.Training.Pretraining;
using GdpoRealtime.Trainer.Training.Runs;
using Microsoft.Extensions.Logging;

using GdpoRealtime.Cli.Commands.Options;

namespace GdpoRealtime.Cli.Commands;

/// <summary>gdpo-sr train pretrain|gdpo: the offline trainer.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var train = new Command("train", "Train models: stage-1 pretraining and GDPO fine-tuning (with its controls).");
        train.Add(CreatePretrain());
        train.Add(CreateGdpo());
        return train;
    }

    private static Command CreatePretrain()
    {
        var defaults = new PretrainSettings();
        var shared = new SharedOptions();
        var output = new Option<string>("--out") { Description = "Where to write the trained .gdpo model.", Required = true };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => defaults.Steps, Description = "Optimizer steps." };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => defaults.BatchSize, Description = "Crops per step." };
        var crop = new Option<int>("--crop") { DefaultValueFactory = _ => defaults.LowResCrop, Description = "Crop side in low-res pixels." };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => defaults.LearningRate, Description = "Peak learning rate (warm-up, then cosine decay)." };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => defaults.Seed, Description = "Seed of initial weights, crops, kernels and noise." };
        var channels = new Option<int>("--channels") { DefaultValueFactory = _ => new ModelArchitecture().Channels, Description = "Hidden channels of the network." };
        var blocks = new Option<int>("--blocks") { DefaultValueFactory = _ => new ModelArchitecture().ResidualBlocks, Description = "Residual blocks of the network." };
        var samples = new Option<int>("--samples-per-crop") { DefaultValueFactory = _ => defaults.SamplesPerCrop, Description = "Outputs per crop from different noises; the reconstruction loss is on their mean (1 = per sample)." };
        var smoothWeight = new Option<double>("--smooth-weight") { DefaultValueFactory = _ => defaults.SmoothRegionWeight, Description = "Extra weight of the L1 loss on the ground truth's smooth regions (noise may add detail in texture regions only)." };
        var lowPass = new Option<double>("--low-pass-weight") { DefaultValueFactory = _ => defaults.LowPassWeight, Description = "Weight of the per-sample L1 of blurred output and ground truth." };
        var adversarial = new Option<double>("--adversarial-weight") { DefaultValueFactory = _ => defaults.AdversarialWeight, Description = "Weight of the hinge adversarial loss (0 = none)." };
        var adversarialStart = new Option<int>("--adversarial-start") { DefaultValueFactory = _ => defaults.AdversarialStart, Description = "Step after which the adversarial loss starts." };
        var discriminatorLr = new Option<double>("--discriminator-lr") { DefaultValueFactory = _ => defaults.DiscriminatorLearningRate, Description = "Learning rate of the discriminator." };
        var discriminatorChannels = new Option<int>("--discriminator-channels") { DefaultValueFactory = _ => defaults.DiscriminatorChannels, Description = "Channels of the discriminator's first layer." };
        var noiseMin = new Option<double>("--noise-strength-min") { DefaultValueFactory = _ => defaults.NoiseStrengthMin, Description = "Each crop's noise strength is drawn uniformly from [min, 1]." };
        var denoising = new Option<double>("--denoising-weight") { DefaultValueFactory = _ => defaults.DenoisingWeight, Description = "Weight of the auxiliary denoising loss on noised ground-truth latents." };
        var command = new Command("pretrain", "Stage 1: train the noise-aware one-step model (reconstruction, adversarial and auxiliary denoising losses).")
        {
            output, steps, batch, crop, lr, seed, channels, blocks, samples, smoothWeight, lowPass, adversarial, adversarialStart, discriminatorLr, discriminatorChannels, denoising, noiseMin,
        };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var job = new PretrainJob
            {
                Data = shared.Data.Job(parse, shared.Evaluation),
                Output = shared.Run.Read(parse, parse.GetRequiredValue(output)),
                Settings = new PretrainSettings
                {
                    Steps = parse.GetValue(steps), BatchSize = parse.GetValue(batch), LowResCrop = parse.GetValue(crop),
                    LearningRate = parse.GetValue(lr), Seed = parse.GetValue(seed), SamplesPerCrop = parse.GetValue(samples),
                    SmoothRegionWeight = parse.GetValue(smoothWeight), LowPassWeight = parse.GetValue(lowPass), AdversarialWeight = parse.GetValue(adversarial),
                    AdversarialStart = parse.GetValue(adversarialStart), DiscriminatorLearningRate = parse.GetValue(discriminatorLr),
                    DiscriminatorChannels = parse.GetValue(discriminatorChannels),
                    DenoisingWeight = parse.GetValue(denoising), NoiseStrengthMin = parse.GetValue(noiseMin),
                },
                Channels = parse.GetValue(channels), ResidualBlocks = parse.GetValue(blocks), Scale = shared.Common.ScaleOf(parse),
                Device = shared.Common.JobDeviceOf(parse), Command = CommandLine(parse),
            };
            var result = shared.RunJob(parse, "pretrain", (logger, progress, cancel) => TrainingJobs.Pretrain(job, logger, progress, cancel));
            var console = parse.InvocationConfiguration.Output;
            if (result.Diversity is not null) console.WriteLine($"diversity: {result.Diversity}");
            Report(console, result);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateGdpo()
    {
        var defaults = new GdpoSettings();
        var shared = new SharedOptions();
        var parent = new Option<string>("--model") { Description = "The stage-1 model to tune (the frozen reference).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the tuned .gdpo model.", Required = true };
        var mode = new Option<string>("--mode") { DefaultValueFactory = _ => "gdpo", Description = "gdpo; shuffled (null control: advantages shuffled in each group); supervised (same-budget supervised fine-tune)." };
        var group = new Option<int>("--group") { DefaultValueFactory = _ => defaults.GroupSize, Description = "G: candidates per input." };
        var omega = new Option<double>("--omega") { DefaultValueFactory = _ => defaults.Omega, Description = "omega of the surrogate (5000 for G = 6; the group is summed, rescale it with G)." };
        var tAdd = new Option<int?>("--t-add") { Description = "Re-noising timestep of the surrogate (default: the model's t_add)." };
        var tDiff = new Option<int?>("--t-diff") { Description = "Timestep the network is told in the surrogate (default: the model's t_diff)." };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => defaults.LearningRate, Description = "AdamW learning rate (constant)." };
        var weightDecay = new Option<double>("--weight-decay") { DefaultValueFactory = _ => defaults.WeightDecay, Description = "AdamW weight decay." };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => defaults.Steps, Description = "Optimizer steps." };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => defaults.BatchSize, Description = "Inputs per step (each gets G candidates)." };
        var crop = new Option<int>("--crop") { DefaultValueFactory = _ => defaults.LowResCrop, Description = "Crop side in low-res pixels." };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => defaults.Seed, Description = "Seed of crops and noises." };
        var textureWeight = new Option<double>("--texture-weight") { DefaultValueFactory = _ => defaults.TextureWeight, Description = "Weight of the reward's texture term (above 1 favours texture regions)." };
        var fidelityRegion = new Option<string>("--fidelity-region")
        {
            DefaultValueFactory = _ => defaults.FidelityRegion.ToString().ToLowerInvariant(),
            Description = "Where the reward's fidelity (PSNR-Y) is measured: whole (the crop, as the paper) or smooth (the ground truth's smooth regions).",
        };
        var candidateNoise = new Option<double>("--candidate-noise") { DefaultValueFactory = _ => defaults.CandidateNoise, Description = "Noise strength of the candidates in [0, 1]." };
        var smoothAnchor = new Option<double>("--smooth-anchor")
        {
            DefaultValueFactory = _ => defaults.SmoothAnchor,
            Description = "Weight of a trust region that holds the ground truth's smooth regions at the reference's output (0 = off, the paper's loss alone).",
        };
        var command = new Command("gdpo", "Stage 2: GDPO fine-tuning against the frozen stage-1 model, or its shuffled-advantage control, or a same-budget supervised fine-tune.")
        {
            parent, output, mode, group, omega, tAdd, tDiff, lr, weightDecay, steps, batch, crop, seed, textureWeight, fidelityRegion, candidateNoise, smoothAnchor,
        };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var job = new GdpoJob
            {
                Data = shared.Data.Job(parse, shared.Evaluation),
                Output = shared.Run.Read(parse, parse.GetRequiredValue(output)),
                ParentModel = parse.GetRequiredValue(parent),
                Settings = new GdpoSettings
                {
                    Mode = ParseMode(parse.GetValue(mode) ?? "gdpo"), GroupSize = parse.GetValue(group), Omega = parse.GetValue(omega),
                    AddTimestep = parse.GetValue(tAdd), DiffTimestep = parse.GetValue(tDiff), LearningRate = parse.GetValue(lr),
                    WeightDecay = parse.GetValue(weightDecay), Steps = parse.GetValue(steps), BatchSize = parse.GetValue(batch),
                    LowResCrop = parse.GetValue(crop), Seed = parse.GetValue(seed), TextureWeight = parse.GetValue(textureWeight),
                    CandidateNoise = parse.GetValue(candidateNoise), FidelityRegion = ParseFidelityRegion(parse.GetValue(fidelityRegion) ?? "whole"),
                    SmoothAnchor = parse.GetValue(smoothAnchor),
                },
                Scale = shared.Common.ScaleOf(parse), Device = shared.Common.JobDeviceOf(parse), Command = CommandLine(parse),
            };
            var result = shared.RunJob(parse, "gdpo", (logger, progress, cancel) => TrainingJobs.Gdpo(job, logger, progress, cancel));
            Report(parse.InvocationConfiguration.Output, result);
            return ExitCodes.Success;
        });
        return command;
    }

    private static GdpoMode ParseMode(string text) => text.Trim().ToLowerInvariant() switch
    {
        "gdpo" => GdpoMode.Gdpo,
        "shuffled" or "shuffle" or "control" => GdpoMode.Shuffled,
        "supervised" or "sft" => GdpoMode.Supervised,
        _ => throw new InvalidSettingException($"'{text}' is not a training mode", "Use gdpo, shuffled or supervised."),
    };

    private static FidelityRegion ParseFidelityRegion(string text) => text.Trim().ToLowerInvariant() switch
    {
        "whole" or "all" => FidelityRegion.Whole,
        "smooth" => FidelityRegion.Smooth,
        _ => throw new InvalidSettingException($"'{text}' is not a fidelity region", "Use whole or smooth."),
    };

    /// <summary>The options both training commands take (data, run folder, held-out evaluation, device and scale), and how a job runs.</summary>
    private sealed class SharedOptions
    {
        public DataOptionSet Data { get; } = new();
        public RunOptionSet Run { get; } = new();
        public EvaluationOptionSet Evaluation { get; } = new(items: 64);
        public CommonOptions Common { get; } = new();

        public void AddTo(Command command)
        {
            Data.AddTo(command);
            Run.AddTo(command);
            Evaluation.AddTo(command);
            Common.AddTo(command, model: false);
        }

        /// <summary>Runs a job with console logging, console progress and Ctrl+C as its cancellation.</summary>
        public TrainingJobResult RunJob(ParseResult parse, string name, Func<ILogger, ITrainingProgress, CancellationToken, TrainingJobResult> job)
        {
            using var logging = ConsoleLogging.Create(parse.GetValue(Common.Verbose));
            var logger = logging.CreateLogger(name);
            using var cancel = CtrlC.Cancels();
            return job(logger, TrainingProgress.ForConsole(logger, parse.InvocationConfiguration.Error), cancel.Token);
        }
    }

    private static void Report(TextWriter console, TrainingJobResult result)
    {
        console.WriteLine($"throughput: {result.Throughput} on {result.Record.Device}");
        if (result.SkippedSteps > 0) console.WriteLine($"skipped steps: {result.SkippedSteps} (non-finite losses or gradients; not applied)");
        console.WriteLine($"wrote {result.ModelPath} (run folder {result.RunFolder})");
    }

    /// <summary>The command as typed, for the model's record.</summary>
    private static string CommandLine(ParseResult parse) =>
        "gdpo-sr " + string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ') ? $"\"{t.Value}\"" : t.Value));
}
