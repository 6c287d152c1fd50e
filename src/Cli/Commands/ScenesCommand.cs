using System.CommandLine;
using GdpoRealtime.Cli.CommandLine;
using GdpoRealtime.Demo.Headless;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Session;
using GdpoRealtime.Runtime.Model;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Cli.Commands;

/// <summary>gdpo-sr scenes: lists the scenes the renderer draws, and with --sheet renders a contact sheet of them.</summary>
public static class ScenesCommand
{
    public static Command Create()
    {
        var sheet = new Option<string?>("--sheet") { Description = "Write a contact sheet PNG: per scene an overview, and a low-res | truth crop of its most detailed region." };
        var size = new Option<string>("--size") { Description = "Ground-truth size WxH of the sheet's frames.", DefaultValueFactory = _ => "640x360" };
        var time = new Option<double>("--time") { Description = "Scene time of the frames, in seconds.", DefaultValueFactory = _ => 9 };
        var crop = new Option<string>("--crop") { Description = "Truth region shown per scene, WxH (enlarged by --zoom).", DefaultValueFactory = _ => "120x68" };
        var zoom = new Option<int>("--zoom") { Description = "Enlargement of the crops.", DefaultValueFactory = _ => 2 };
        var seed = new Option<int>("--seed") { Description = "Which images each scene draws from --textures.", DefaultValueFactory = _ => 1 };
        var tour = new Option<int?>("--tour")
        {
            Description = "Instead of crops: N overviews per camera path, spread over the path's loop, lightings in turn (one row per scene and path).",
        };
        var namesOnly = new Option<bool>("--names") { Description = "Print only the names of the scenes (those of --scene, or all), one a line, for scripts." };
        var verbose = new Option<bool>("--verbose") { Description = "Log more detail." };
        var options = new SceneOptions();
        var command = new Command("scenes", "List the scenes (the held-apart one is marked), or render a contact sheet of them with --sheet.")
        {
            sheet, size, time, crop, zoom, seed, tour, namesOnly, verbose,
        };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var names = options.ScenesOf(parse);
            var scenes = names.Count == 0 ? SceneCatalog.Entries : SceneCatalog.Resolve(names);
            string? sheetPath = parse.GetValue(sheet);
            if (parse.GetValue(namesOnly))
            {
                foreach (var entry in scenes) output.WriteLine(entry.Name);
                return ExitCodes.Success;
            }
            if (sheetPath is null)
            {
                Print(output, scenes);
                return ExitCodes.Success;
            }
            using var logging = ConsoleLogging.Create(parse.GetValue(verbose));
            var logger = logging.CreateLogger("scenes");
            var (width, height) = FrameSizes.ParseSize(parse.GetRequiredValue(size));
            var sizes = FrameSizes.Create(width, height, ScaleFactor.X2);
            var (cropWidth, cropHeight) = FrameSizes.ParseSize(parse.GetRequiredValue(crop));
            var render = options.RenderSettingsOf(parse);
            var sources = options.TextureSourcesOf(parse).Select(GdpoRealtime.Demo.Capture.TextureSource.Parse).ToList();
            int seedValue = parse.GetValue(seed);
            using var gpu = GpuContext.CreateOffscreen(logger, render.MaxAnisotropy > 1);
            var rows = new List<SceneSheet.Row>();
            if (parse.GetValue(tour) is { } perPath)
            {
                var tours = new List<Runtime.Imaging.RgbImage>();
                foreach (var (entry, index) in scenes.Select((e, i) => (e, i)))
                {
                    var textures = SceneSheet.SourceFor(entry, index, sources).Load(entry.Name, seedValue, render.TextureSize, logger);
                    using var renderer = new SceneRenderer(gpu, entry.Create(), textures, render);
                    tours.AddRange(SceneSheet.Tour(renderer, sizes, perPath, entry.Name));
                    logger.LogInformation("Rendered {Scene}", entry.Name);
                }
                PngFiles.Save(sheetPath, Trainer.Evaluation.SideBySide.Stack(tours));
                output.WriteLine($"wrote {sheetPath} ({new FileInfo(sheetPath).Length / 1024} KB, {scenes.Count} scenes at {sizes})");
                return ExitCodes.Success;
            }
            foreach (var (entry, index) in scenes.Select((e, i) => (e, i)))
            {
                var source = SceneSheet.SourceFor(entry, index, sources);
                var textures = source.Load(entry.Name, seedValue, render.TextureSize, logger);
                using var renderer = new SceneRenderer(gpu, entry.Create(), textures, render);
                var frame = FrameDescription.At(renderer.Scene, 0, parse.GetValue(time), sizes, jitter: false);
                rows.Add(SceneSheet.Render(renderer, frame));
                logger.LogInformation("Rendered {Scene}", entry.Name);
            }
            PngFiles.Save(sheetPath, SceneSheet.Compose(rows, cropWidth, cropHeight, parse.GetValue(zoom)));
            output.WriteLine($"wrote {sheetPath} ({new FileInfo(sheetPath).Length / 1024} KB, {rows.Count} scenes at {sizes})");
            return ExitCodes.Success;
        });
        return command;
    }

    public static void Print(TextWriter output, IReadOnlyList<SceneEntry> scenes)
    {
        int width = scenes.Max(s => s.Name.Length);
        foreach (var entry in scenes)
        {
            var scene = entry.Create();
            output.WriteLine($"{entry.Name.PadRight(width)}  r{scene.Revision}  {scene.CameraPaths.Count} paths, lighting {string.Join("/", scene.Lightings.Select(l => l.Name))}");
            output.WriteLine($"{new string(' ', width)}  {entry.Description}");
        }
        output.WriteLine($"'{SceneCatalog.AllTraining}' names every scene but {SceneCatalog.HeldApart.Name}, which is held apart for figures and never trained on.");
    }
}
