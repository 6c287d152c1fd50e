using System.CommandLine;
using System.Diagnostics;
using GdpoRealtime.Demo.Cli;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Trainer.Evaluation;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace GdpoRealtime.Demo.Commands;

/// <summary>gdpo-sr upscale IN OUT: one image in (PNG, JPEG, TGA, BMP), a PNG out.</summary>
public static class UpscaleCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The low-resolution image (PNG, JPEG, TGA or BMP)." };
        var output = new Argument<string>("OUT") { Description = "Where to write the upscaled PNG." };
        var noise = new Option<double>("--noise")
        {
            Description = "Noise strength in [0, 1]: 0 is deterministic, 1 the trained amount of generated detail.",
            DefaultValueFactory = _ => 1.0,
        };
        var seed = new Option<long>("--seed") { Description = "Seed of the fixed noise field.", DefaultValueFactory = _ => 0 };
        var sideBySide = new Option<string?>("--side-by-side")
        {
            Description = "Also write a PNG comparing bicubic and our output side by side.",
        };
        var backend = new Option<string>("--backend")
        {
            Description = "auto: the network through libtorch on --device; vulkan-compute: through the engine API as compute shaders on a Vulkan device (no libtorch).",
            DefaultValueFactory = _ => "auto",
        };
        var common = new CommonOptions();
        var command = new Command("upscale", "Upscale one image with the model.") { input, output, noise, seed, sideBySide, backend };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            using var logging = ConsoleLogging.Create(parse.GetValue(common.Verbose));
            var logger = logging.CreateLogger("upscale");
            return Run(new Request(
                parse.GetRequiredValue(input), parse.GetRequiredValue(output), parse.GetValue(sideBySide),
                parse.GetValue(common.Model), common.ScaleOf(parse), parse.GetValue(noise), parse.GetValue(seed),
                common.DeviceOf(parse), parse.GetValue(common.TorchLibDir), ParseBackend(parse.GetValue(backend)!)), logger, parse.InvocationConfiguration.Output);
        });
        return command;
    }

    public sealed record Request(string Input, string Output, string? SideBySide, string? Model, ScaleFactor? Scale,
        double Noise, long Seed, DevicePreference Device, string? TorchLibDir, bool VulkanCompute = false);

    private static bool ParseBackend(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => false,
        "vulkan-compute" or "vulkan" => true,
        _ => throw new InvalidSettingException($"'{text}' is not a backend for upscale", "Use auto (libtorch) or vulkan-compute."),
    };

    public static int Run(Request request, ILogger logger, TextWriter output)
    {
        RequirePng(request.Output, "OUT");
        if (request.SideBySide is not null) RequirePng(request.SideBySide, "--side-by-side");
        if (!(request.Noise >= 0 && request.Noise <= 1))
            throw new InvalidSettingException($"Noise strength {request.Noise} is outside [0, 1]",
                "Use 0 for a deterministic output, 1 for the full trained noise, or a value between.");
        if (request.VulkanCompute) return RunOnVulkan(request, logger, output);
        return RunOnLibtorch(request, logger, output);
    }

    /// <summary>The engine API's vulkan-compute backend: no TorchSharp type is touched on this path (no libtorch is loaded).</summary>
    private static int RunOnVulkan(Request request, ILogger logger, TextWriter output)
    {
        if (request.SideBySide is not null)
            throw new InvalidSettingException("--side-by-side computes bicubic through libtorch, which --backend vulkan-compute does not load",
                "Drop --side-by-side, or use --backend auto.");
        var image = ImageFile.Load(request.Input);
        var checkpoint = ModelLoader.Find(request.Model, request.Scale);
        ImageUpscaler.CheckInputSize(image.Width, image.Height, checkpoint.Architecture.Scale, request.Input);
        var (result, device, milliseconds) = VulkanImageUpscale.Run(image, checkpoint, request.Noise, request.Seed, logger);
        ImageFile.SavePng(request.Output, result);
        output.WriteLine($"wrote {request.Output}: {image.Width}x{image.Height} -> {result.Width}x{result.Height} " +
                         $"(x{checkpoint.Architecture.Scale}, noise {request.Noise}, seed {request.Seed}) in {milliseconds:F0} ms on {device}");
        return ExitCodes.Success;
    }

    private static int RunOnLibtorch(Request request, ILogger logger, TextWriter output)
    {
        using var field = new NoiseField(request.Seed, request.Noise);
        var image = ImageFile.Load(request.Input);
        var checkpoint = ModelLoader.Find(request.Model, request.Scale);
        ImageUpscaler.CheckInputSize(image.Width, image.Height, checkpoint.Architecture.Scale, request.Input);

        var device = TorchBackend.Select(request.Device, request.TorchLibDir, logger);
        using var model = checkpoint.CreateModel().To(device.Device);
        model.Network.eval();
        logger.LogInformation("Model: {Source} (x{Scale}, {Parameters:N0} parameters, trained: {Stage}, {Steps} steps)",
            checkpoint.Source, model.Scale, model.Network.ParameterCount, checkpoint.Training.Stage, checkpoint.Training.Steps);

        var upscaler = new ImageUpscaler(model, field);
        var watch = Stopwatch.StartNew();
        var result = upscaler.Upscale(image, request.Input);
        watch.Stop();
        ImageFile.SavePng(request.Output, result);
        output.WriteLine($"wrote {request.Output}: {image.Width}x{image.Height} -> {result.Width}x{result.Height} " +
                         $"(x{model.Scale}, noise {request.Noise}, seed {request.Seed}) in {watch.Elapsed.TotalMilliseconds:F0} ms on {device}");

        if (request.SideBySide is not null)
        {
            using var scope = NewDisposeScope();
            var bicubic = ImageTensors.ToImage(ImageUpscaler.Bicubic(ImageTensors.ToTensor(image), model.Scale));
            var comparison = SideBySide.Compose(new[] { ("bicubic", bicubic), ($"GdpoRealtime x{model.Scale}", result) });
            ImageFile.SavePng(request.SideBySide, comparison);
            output.WriteLine($"wrote {request.SideBySide}: bicubic | ours, {comparison.Width}x{comparison.Height}");
        }
        return ExitCodes.Success;
    }

    private static void RequirePng(string path, string what)
    {
        if (!Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase))
            throw new InvalidSettingException($"{what} '{path}' is not a .png path; only PNG is written", "Give the output a .png name.");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new ImageInputException($"Output folder '{folder}' does not exist", "Create it first or choose another output path.");
    }
}
