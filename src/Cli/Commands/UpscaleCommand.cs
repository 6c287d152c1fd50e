using System.CommandLine;
using System.Diagnostics;
using GdpoRealtime.Cli.CommandLine;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Tiling;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Training.Runs;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Cli.Commands;

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
        var tile = new Option<int>("--tile")
        {
            Description = $"Upscale in tiles of N x N input pixels (at least {TileLayout.MinimumTileSide}); memory stays bounded " +
                          "whatever the image size, and the result equals the whole-image upscale. A tile larger than the image upscales it whole.",
            DefaultValueFactory = _ => TiledImageInference.DefaultTileSide,
        };
        var backend = new Option<string>("--backend")
        {
            Description = "auto: the network through libtorch on --device; vulkan-compute: through the engine API as compute shaders on a Vulkan device (no libtorch).",
            DefaultValueFactory = _ => "auto",
        };
        var common = new CommonOptions();
        var command = new Command("upscale", "Upscale one image with the model.") { input, output, noise, seed, sideBySide, tile, backend };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            using var logging = ConsoleLogging.Create(parse.GetValue(common.Verbose));
            var logger = logging.CreateLogger("upscale");
            return Run(new Request(
                parse.GetRequiredValue(input), parse.GetRequiredValue(output), parse.GetValue(sideBySide),
                parse.GetValue(common.Model), common.ScaleOf(parse), parse.GetValue(noise), parse.GetValue(seed),
                common.DeviceOf(parse), parse.GetValue(common.TorchLibDir), parse.GetValue(tile), ParseBackend(parse.GetValue(backend)!)),
                logger, parse.InvocationConfiguration.Output, TrainingProgress.ForConsole(logger, parse.InvocationConfiguration.Error));
        });
        return command;
    }

    public sealed record Request(string Input, string Output, string? SideBySide, string? Model, ScaleFactor? Scale,
        double Noise, long Seed, DevicePreference Device, string? TorchLibDir, int TileSide = TiledImageInference.DefaultTileSide, bool VulkanCompute = false);

    private static bool ParseBackend(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => false,
        "vulkan-compute" or "vulkan" => true,
        _ => throw new InvalidSettingException($"'{text}' is not a backend for upscale", "Use auto (libtorch) or vulkan-compute."),
    };

    /// <summary>From this many tiles on, the upscale shows progress (a bar on a terminal, log lines otherwise).</summary>
    public const int ProgressFromTiles = 8;

    public static int Run(Request request, ILogger logger, TextWriter output, ITrainingProgress? progress = null)
    {
        UpscalePaths.CheckDistinct(request.Input, request.Output, request.SideBySide);
        RequirePng(request.Output, "OUT");
        if (request.SideBySide is not null) RequirePng(request.SideBySide, "--side-by-side");
        if (request.TileSide < TileLayout.MinimumTileSide)
            throw new InvalidSettingException($"--tile {request.TileSide} is below the minimum of {TileLayout.MinimumTileSide} input pixels",
                $"Use --tile {TileLayout.MinimumTileSide} or more (default {TiledImageInference.DefaultTileSide}); a tile larger than the image upscales it whole.");
        if (!(request.Noise >= 0 && request.Noise <= 1))
            throw new InvalidSettingException($"Noise strength {request.Noise} is outside [0, 1]",
                "Use 0 for a deterministic output, 1 for the full trained noise, or a value between.");
        if (request.VulkanCompute) return RunOnVulkan(request, logger, output);
        return RunOnLibtorch(request, logger, output, progress);
    }

    /// <summary>The engine API's vulkan-compute backend: no TorchSharp type is touched on this path (no libtorch is loaded).</summary>
    private static int RunOnVulkan(Request request, ILogger logger, TextWriter output)
    {
        if (request.SideBySide is not null)
            throw new InvalidSettingException("--side-by-side computes bicubic through libtorch, which --backend vulkan-compute does not load",
                "Drop --side-by-side, or use --backend auto.");
        var image = ImageFile.Load(request.Input);
        var checkpoint = ModelLoader.Find(request.Model, request.Scale);
        ImageInference.CheckInputSize(image.Width, image.Height, checkpoint.Architecture.Scale, request.Input);
        var (result, device, milliseconds) = VulkanImageUpscale.Run(image, checkpoint, request.Noise, request.Seed, logger);
        ImageFile.SavePng(request.Output, result);
        output.WriteLine($"wrote {request.Output}: {image.Width}x{image.Height} -> {result.Width}x{result.Height} " +
                         $"(x{checkpoint.Architecture.Scale}, noise {request.Noise}, seed {request.Seed}) in {milliseconds:F0} ms on {device}");
        return ExitCodes.Success;
    }

    private static int RunOnLibtorch(Request request, ILogger logger, TextWriter output, ITrainingProgress? progress)
    {
        using var field = new NoiseField(request.Seed, request.Noise);
        var image = ImageFile.Load(request.Input);
        var checkpoint = ModelLoader.Find(request.Model, request.Scale);
        ImageInference.CheckInputSize(image.Width, image.Height, checkpoint.Architecture.Scale, request.Input);

        var device = TorchDevices.Select(request.Device, request.TorchLibDir, logger);
        using var model = checkpoint.CreateModel().To(device.Device);
        model.Network.eval();
        logger.LogInformation("Model: {Source} (x{Scale}, {Parameters:N0} parameters, trained: {Stage}, {Steps} steps)",
            checkpoint.Source, model.Scale, model.Network.ParameterCount, checkpoint.Training.Stage, checkpoint.Training.Steps);

        var upscaler = new TiledImageInference(model, field);
        var layout = upscaler.LayoutFor(image.Width, image.Height, request.TileSide);
        if (layout.Tiles.Count < ProgressFromTiles) progress = TrainingProgress.Silent;
        var watch = Stopwatch.StartNew();
        var writing = new Stopwatch();
        string? comparisonSize = null;
        using (var ours = new PngFileWriter(request.Output, layout.OutputWidth, layout.OutputHeight))
        using (var comparison = request.SideBySide is null ? null
                   : new SideBySideWriter(request.SideBySide, "bicubic", $"GdpoRealtime x{model.Scale}", layout.OutputWidth, layout.OutputHeight))
        {
            (progress ?? TrainingProgress.Silent).Run($"upscale {Path.GetFileName(request.Input)}", layout.Tiles.Count, 0, ticker =>
                BandedUpscale.Run(upscaler, image, layout, (band, bicubic) =>
                {
                    writing.Start();
                    ours.WriteRows(band.Rows);
                    comparison?.WriteRows(bicubic!.Rows, band.Rows);
                    writing.Stop();
                }, withBicubic: comparison is not null, onTileDone: done => ticker.Report(done, $"tile {request.TileSide} px")));
            comparisonSize = comparison is null ? null : $"{comparison.Width}x{comparison.Height}";
            writing.Start();
            ours.Commit();
            comparison?.Commit();
            writing.Stop();
        }
        watch.Stop();
        double networkSeconds = (watch.Elapsed - writing.Elapsed).TotalSeconds;
        double gigaFlops = model.Architecture.GigaFlopsPerFrame(layout.OutputWidth, layout.OutputHeight);
        output.WriteLine($"wrote {request.Output}: {image.Width}x{image.Height} -> {layout.OutputWidth}x{layout.OutputHeight} " +
                         $"(x{model.Scale}, noise {request.Noise}, seed {request.Seed}) in {watch.Elapsed.TotalMilliseconds:F0} ms on {device}: " +
                         $"{layout.Tiles.Count} tile{(layout.Tiles.Count == 1 ? "" : "s")} of {request.TileSide} px, " +
                         $"network {networkSeconds:F1} s ({gigaFlops / networkSeconds:F0} GFLOP/s), PNG {writing.Elapsed.TotalSeconds:F1} s, " +
                         $"peak memory {PeakMegabytes()} MB");
        if (request.SideBySide is not null)
            output.WriteLine($"wrote {request.SideBySide}: bicubic | ours, {comparisonSize}");
        return ExitCodes.Success;
    }

    /// <summary>The process's peak resident memory so far (VmHWM on Linux), in MB.</summary>
    private static long PeakMegabytes()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1_000_000;
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
