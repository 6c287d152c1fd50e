using System.CommandLine;
using GdpoRealtime.Demo.Capture;
using GdpoRealtime.Cli.CommandLine;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using CaptureManifest = GdpoRealtime.Trainer.Data.Capture.CaptureManifest;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Cli.Commands;

/// <summary>gdpo-sr capture: low-res / ground-truth PNG pairs of one or many scenes and a manifest, the folder format the trainer reads.</summary>
public static class CaptureCommand
{
    public const string DefaultSize = "1920x1080";

    public static Command Create()
    {
        var frames = new Option<int?>("--frames") { Description = "Pairs the folder should hold at the end, shared equally by the scene and texture combinations (a resumed capture adds the missing ones)." };
        var output = new Option<string?>("--out") { Description = "The capture folder (created if needed)." };
        var scale = new Option<string?>("--scale") { Description = "Upscaling factor: 1.5, 2, 3 or 4 (default 2)." };
        var size = new Option<string?>("--size") { Description = $"Ground-truth size WxH (default {DefaultSize}); low-res is this divided by the scale." };
        var start = new Option<double?>("--start") { Description = "Scene time of each scene's first pair in seconds (default 0; camera paths loop every 60 s)." };
        var interval = new Option<double?>("--interval") { Description = "Scene seconds between a scene's pairs (default 0.5; consecutive pairs take turns on the scene's camera paths)." };
        var jitter = new Option<string?>("--jitter")
        {
            Description = "Jitter low-res renders by Halton(2,3) sub-pixel offsets (recorded in the manifest): --jitter or 'on' for all, 'mixed' for about half (chosen by --seed), 'off' (default).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var seed = new Option<int?>("--seed") { Description = "Chooses each scene's images from a texture folder and the jittered pairs of --jitter mixed (default 0)." };
        var listScenes = new Option<bool>("--list-scenes") { Description = "Print the scenes and exit (the held-apart one is marked)." };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue the capture in --out with the settings it was made with (a capture whose settings match is continued without it).",
        };
        var verbose = new Option<bool>("--verbose") { Description = "Log more detail." };
        var scene = new SceneOptions();
        var command = new Command("capture", "Render low-res / supersampled ground-truth PNG pairs of one or many scenes and a manifest.json for training.")
        {
            frames, output, scale, size, start, interval, jitter, seed, listScenes, resume, verbose,
        };
        scene.AddTo(command);
        scene.Textures.Description = "Texture source: a folder of PNG, JPEG or TGA images (searched recursively; each scene draws its own) or 'procedural' (default); " +
                                     "repeat it to capture every scene with each source.";
        command.SetAction(parse =>
        {
            if (parse.GetValue(listScenes))
            {
                ScenesCommand.Print(parse.InvocationConfiguration.Output, SceneCatalog.Entries);
                return ExitCodes.Success;
            }
            using var logging = ConsoleLogging.Create(parse.GetValue(verbose));
            var logger = logging.CreateLogger("capture");
            string folder = parse.GetValue(output)
                ?? throw new InvalidSettingException("No capture folder was given", "Pass --out DIR (or --list-scenes to see the scenes).");
            string? jitterText = parse.GetResult(jitter) is { Implicit: false } ? parse.GetValue(jitter) ?? "on" : null;
            var settings = Resolve(parse, folder, parse.GetValue(frames), parse.GetValue(scale), parse.GetValue(size), parse.GetValue(start),
                parse.GetValue(interval), jitterText, parse.GetValue(seed), parse.GetValue(resume), scene);
            using var cancel = CtrlC.Cancels();
            CaptureRun.Run(settings, logger, parse.InvocationConfiguration.Output, cancel.Token);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Fills in defaults; with --resume, takes whatever was not given from the folder's manifest.</summary>
    private static CaptureSettings Resolve(ParseResult parse, string folder, int? frames, string? scaleText, string? sizeText, double? start,
        double? interval, string? jitterText, int? seed, bool resume, SceneOptions scene)
    {
        var render = scene.RenderSettingsOf(parse);
        ScaleFactor? scale = scaleText is null ? null : ScaleFactor.Parse(scaleText);
        (int Width, int Height)? size = sizeText is null ? null : FrameSizes.ParseSize(sizeText);
        JitterMode? jitter = jitterText is null ? null : JitterModes.Parse(jitterText);
        var sceneNames = scene.ScenesOf(parse);
        var sources = scene.TextureSourcesOf(parse).Select(TextureSource.Parse).ToList();
        if (resume)
        {
            string manifestPath = Path.Combine(folder, CaptureManifest.FileName);
            if (!File.Exists(manifestPath))
                throw new CaptureFolderException($"There is no capture to resume in '{folder}' (no {CaptureManifest.FileName})",
                    "Check --out, or leave out --resume to start a new capture there.");
            var manifest = new CaptureWriter(folder).ReadManifest()!;
            var plan = manifest.Plan!;
            scale ??= ScaleFactor.Parse(manifest.Scale);
            size ??= (manifest.Width, manifest.Height);
            if (parse.GetResult(scene.Supersample) is null or { Implicit: true })
                render = render with { SupersampleFactor = (int)Math.Round(Math.Sqrt(manifest.SupersampleCount)) };
            frames ??= plan.Frames;
            start ??= plan.Start;
            interval ??= plan.Interval;
            jitter ??= JitterModes.Parse(plan.Jitter);
            seed ??= plan.Seed;
            if (sceneNames.Count == 0) sceneNames = plan.Scenes;
            if (sources.Count == 0)
                sources = plan.TextureSources.Select(s => s.Folder is null ? TextureSource.Procedural : TextureSource.FromFolder(s.Folder)).ToList();
        }
        if (frames is null) throw new InvalidSettingException("--frames was not given", "Pass the number of pairs the folder should hold, such as 200.");
        var (width, height) = size ?? FrameSizes.ParseSize(DefaultSize);
        var settings = new CaptureSettings
        {
            OutputFolder = folder,
            Sizes = FrameSizes.Create(width, height, scale ?? ScaleFactor.X2),
            Frames = frames.Value,
            Scenes = SceneCatalog.Resolve(sceneNames),
            TextureSources = sources.Count > 0 ? sources : new[] { TextureSource.Procedural },
            StartTime = start ?? 0,
            Interval = interval ?? 0.5,
            Jitter = jitter ?? JitterMode.Off,
            Seed = seed ?? 0,
            Render = render,
        };
        settings.Validate();
        return settings;
    }
}
