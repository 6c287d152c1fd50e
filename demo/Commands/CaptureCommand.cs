using System.CommandLine;
using GdpoRealtime.Demo.Capture;
using GdpoRealtime.Demo.Cli;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Demo.Commands;

/// <summary>gdpo-sr capture: low-res / ground-truth PNG pairs and a manifest, the folder format the trainer reads.</summary>
public static class CaptureCommand
{
    public const string DefaultSize = "1920x1080";

    public static Command Create()
    {
        var frames = new Option<int>("--frames") { Description = "Pairs the folder should hold at the end (a resumed capture adds the missing ones).", Required = true };
        var output = new Option<string>("--out") { Description = "The capture folder (created if needed).", Required = true };
        var scale = new Option<string?>("--scale") { Description = "Upscaling factor: 1.5, 2, 3 or 4 (default 2)." };
        var size = new Option<string?>("--size") { Description = $"Ground-truth size WxH (default {DefaultSize}); low-res is this divided by the scale." };
        var start = new Option<double?>("--start") { Description = "Scene time of the first pair in seconds (default 0; the camera path loops every 60 s)." };
        var interval = new Option<double?>("--interval") { Description = "Scene seconds between pairs (default 0.5)." };
        var jitter = new Option<bool>("--jitter") { Description = "Jitter each low-res render by a Halton(2,3) sub-pixel offset (recorded in the manifest)." };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue the capture in --out with the settings it was made with (a capture whose settings match is continued without it).",
        };
        var verbose = new Option<bool>("--verbose") { Description = "Log more detail." };
        var scene = new SceneOptions();
        var command = new Command("capture", "Render low-res / supersampled ground-truth PNG pairs and a manifest.json for training.")
        {
            frames, output, scale, size, start, interval, jitter, resume, verbose,
        };
        scene.AddTo(command);
        command.SetAction(parse =>
        {
            using var logging = ConsoleLogging.Create(parse.GetValue(verbose));
            var logger = logging.CreateLogger("capture");
            string folder = parse.GetRequiredValue(output);
            var settings = Resolve(parse, folder, parse.GetValue(frames), parse.GetValue(scale), parse.GetValue(size), parse.GetValue(start),
                parse.GetValue(interval), parse.GetResult(jitter) is { Implicit: false } ? parse.GetValue(jitter) : null,
                parse.GetValue(resume), scene);
            using var cancel = TrainCommand.CancelOnCtrlC();
            CaptureRun.Run(settings, logger, parse.InvocationConfiguration.Output, cancel.Token);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Fills in defaults; with --resume, takes whatever was not given from the folder's manifest.</summary>
    private static CaptureSettings Resolve(ParseResult parse, string folder, int frames, string? scaleText, string? sizeText, double? start,
        double? interval, bool? jitter, bool resume, SceneOptions scene)
    {
        var render = scene.RenderSettingsOf(parse);
        ScaleFactor? scale = scaleText is null ? null : ScaleFactor.Parse(scaleText);
        (int Width, int Height)? size = sizeText is null ? null : FrameSizes.ParseSize(sizeText);
        if (resume)
        {
            string manifestPath = Path.Combine(folder, Trainer.Data.Capture.CaptureManifest.FileName);
            if (!File.Exists(manifestPath))
                throw new CaptureFolderException($"There is no capture to resume in '{folder}' (no {Trainer.Data.Capture.CaptureManifest.FileName})",
                    "Check --out, or leave out --resume to start a new capture there.");
            var manifest = new CaptureFolder(folder).ReadManifest()!;
            scale ??= ScaleFactor.Parse(manifest.Scale);
            size ??= (manifest.Width, manifest.Height);
            if (parse.GetResult(scene.Supersample) is null or { Implicit: true })
                render = render with { SupersampleFactor = (int)Math.Round(Math.Sqrt(manifest.SupersampleCount)) };
            if (manifest.Frames.Count > 0) start ??= manifest.Frames[0].Time;
            if (manifest.Frames.Count > 1) interval ??= manifest.Frames[1].Time - manifest.Frames[0].Time;
            jitter ??= manifest.Frames.Any(f => f.Jitter.Any(j => j != 0));
        }
        var (width, height) = size ?? FrameSizes.ParseSize(DefaultSize);
        var settings = new CaptureSettings
        {
            OutputFolder = folder,
            Sizes = FrameSizes.Create(width, height, scale ?? ScaleFactor.X2),
            Frames = frames,
            StartTime = start ?? 0,
            Interval = interval ?? 0.5,
            Jitter = jitter ?? false,
            Render = render,
            TexturesFolder = scene.TexturesOf(parse),
        };
        settings.Validate();
        return settings;
    }
}
