using System.CommandLine;
using GdpoRealtime.Demo.Cli;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Training.Pretraining;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Demo.Commands;

/// <summary>gdpo-sr train pretrain|gdpo: the offline trainer.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var train = new Command("train", "Train models: stage-1 pretraining and GDPO fine-tuning.");
        train.Add(CreatePretrain());
        return train;
    }

    private static Command CreatePretrain()
    {
        var data = new Option<string>("--data") { Description = "A folder of high-res images (synthetic degradation).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the trained .gdpo model.", Required = true };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => new PretrainSettings().Steps, Description = "Optimizer steps." };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => new PretrainSettings().BatchSize, Description = "Crops per step." };
        var crop = new Option<int>("--crop") { DefaultValueFactory = _ => new PretrainSettings().LowResCrop, Description = "Crop side in low-res pixels." };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => new PretrainSettings().LearningRate, Description = "Peak learning rate (cosine decay)." };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 1UL, Description = "Seed of crops, kernels and noise." };
        var channels = new Option<int>("--channels") { DefaultValueFactory = _ => new ModelArchitecture().Channels, Description = "Hidden channels of the network." };
        var blocks = new Option<int>("--blocks") { DefaultValueFactory = _ => new ModelArchitecture().ResidualBlocks, Description = "Residual blocks of the network." };
        var kernels = new Option<string>("--kernels")
        {
            DefaultValueFactory = _ => "area,bicubic",
            Description = "Downscale kernels of the synthetic degradation, drawn at random: area, bicubic, point, gaussian.",
        };
        var maxSide = new Option<int>("--max-side") { DefaultValueFactory = _ => 1024, Description = "Shrink source images whose longer side exceeds this." };
        var common = new CommonOptions();
        var command = new Command("pretrain", "Stage 1: train the noise-aware one-step model with a reconstruction loss.")
        {
            data, output, steps, batch, crop, lr, seed, channels, blocks, kernels, maxSide,
        };
        common.AddTo(command, model: false);
        command.SetAction(parse =>
        {
            using var logging = ConsoleLogging.Create(parse.GetValue(common.Verbose));
            var logger = logging.CreateLogger("pretrain");
            var scale = common.ScaleOf(parse) ?? ScaleFactor.X2;
            var settings = new PretrainSettings
            {
                Steps = parse.GetValue(steps), BatchSize = parse.GetValue(batch), LowResCrop = parse.GetValue(crop),
                LearningRate = parse.GetValue(lr), Seed = parse.GetValue(seed),
            };
            settings.Validate();
            var architecture = ModelArchitecture.For(scale, parse.GetValue(channels), parse.GetValue(blocks));
            architecture.Validate();
            string outPath = parse.GetRequiredValue(output);

            var device = TorchBackend.Select(common.DeviceOf(parse), parse.GetValue(common.TorchLibDir), logger);
            var folder = new ImageFolder(parse.GetRequiredValue(data));
            var degradation = DegradationSettings.Clean with { Kernels = DegradationSettings.ParseKernels(parse.GetValue(kernels) ?? "area") };
            using var source = new SyntheticPairSource(folder, scale, degradation, parse.GetValue(maxSide));
            logger.LogInformation("Data: {Description}", source.Description);
            TorchSharp.torch.manual_seed((long)settings.Seed);
            using var model = new NoiseAwareOneStepModel(architecture).To(device.Device);
            logger.LogInformation("Network: {Parameters:N0} parameters, {Gflops:F1} GFLOPs per 1920x1080 frame",
                model.Network.ParameterCount, architecture.GigaFlopsPerFrame(1920, 1080));

            using var cancel = CancelOnCtrlC();
            new Pretrainer(model, source, settings, logger).Run(cancel.Token);

            var heldOut = source.HeldOut(256);
            using var off = new NoiseField(0, 0);
            using var on = new NoiseField(0, 1);
            var deterministic = PsnrComparison.Measure(model, heldOut, off);
            var noisy = PsnrComparison.Measure(model, heldOut, on);
            foreach (var pair in heldOut) pair.Dispose();
            logger.LogInformation("Held-out PSNR-Y over {Count} images: model {Model:F2} dB (noise 1: {Noisy:F2}), bicubic {Bicubic:F2} dB",
                deterministic.Images, deterministic.ModelPsnrY, noisy.ModelPsnrY, deterministic.BicubicPsnrY);
            var record = new TrainingRecord
            {
                Stage = "pretrain",
                Steps = settings.Steps,
                Command = "gdpo-sr " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
                Data = source.Description,
                Device = device.ToString(),
                CreatedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                Figures = new SortedDictionary<string, double>
                {
                    ["heldout_images"] = deterministic.Images,
                    ["heldout_psnr_y_noise0"] = Math.Round(deterministic.ModelPsnrY, 3),
                    ["heldout_psnr_y_noise1"] = Math.Round(noisy.ModelPsnrY, 3),
                    ["heldout_psnr_y_bicubic"] = Math.Round(deterministic.BicubicPsnrY, 3),
                },
            };
            ModelCheckpoint.Save(outPath, model, record);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {outPath}");
            return ExitCodes.Success;
        });
        return command;
    }

    internal static CancellationTokenSource CancelOnCtrlC()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            source.Cancel();
        };
        return source;
    }
}
