using System.CommandLine;
using System.Diagnostics;
using GdpoRealtime.Cli.CommandLine;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Tiling;
using GdpoRealtime.Runtime.Upscaling;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace GdpoRealtime.Cli.Commands;

/// <summary>gdpo-sr bench: median milliseconds per frame of the model and of bicubic, measured in one run.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var size = new Option<string>("--size") { Description = "Input size WxH.", DefaultValueFactory = _ => "960x540" };
        var runs = new Option<int>("--runs") { Description = "Timed runs (median reported).", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs first.", DefaultValueFactory = _ => 2 };
        var noise = new Option<double>("--noise") { Description = "Noise strength.", DefaultValueFactory = _ => 1.0 };
        var engine = new Option<bool>("--engine")
        {
            Description = "Measure the engine runtime on a Vulkan device instead: per-frame split (handoff in, network, handoff out) for each of --pairs.",
        };
        var pairs = new Option<string>("--pairs")
        {
            Description = "With --engine: render:display size pairs.",
            DefaultValueFactory = _ => "960x540:1920x1080,1920x1080:3840x2160",
        };
        var backend = new Option<string>("--backend")
        {
            Description = "With --engine: auto (every backend the device offers, one row each), cuda-interop, vulkan-compute or host-staging.",
            DefaultValueFactory = _ => "auto",
        };
        var tile = new Option<string?>("--tile")
        {
            Description = "Also time the model in tiles of N x N input pixels (what upscale does with large images); " +
                          "several sizes (128,256,512) are timed in turn, round after round, so a changing machine load hits them alike.",
        };
        var common = new CommonOptions();
        var onnx = new OnnxBench();
        var command = new Command("bench", "Measure the upscaler's time per frame (median of many runs, warm-up excluded).") { size, runs, warmup, noise, engine, pairs, backend, tile };
        common.AddTo(command);
        onnx.AddTo(command);
        common.AddPrecisionTo(command);
        command.SetAction(parse =>
        {
            using var logging = ConsoleLogging.Create(parse.GetValue(common.Verbose));
            var logger = logging.CreateLogger("bench");
            var (width, height) = ParseSize(parse.GetValue(size) ?? "960x540");
            int timed = parse.GetValue(runs), untimed = parse.GetValue(warmup);
            if (timed < 1 || untimed < 0) throw new InvalidSettingException("--runs must be at least 1 and --warmup at least 0", "Use for example --runs 10 --warmup 2.");
            var checkpoint = ModelLoader.Find(parse.GetValue(common.Model), common.ScaleOf(parse));
            if (onnx.Requested(parse)) return onnx.Run(parse, width, height, timed, untimed, parse.GetValue(noise), checkpoint, common.DeviceOf(parse));
            if (parse.GetValue(engine))
            {
                var noiseStrength = parse.GetValue(noise);
                if (!(noiseStrength >= 0 && noiseStrength <= 1))
                    throw new InvalidSettingException($"Noise strength {noiseStrength} is outside [0, 1]", "Use a value from 0 to 1.");
                EngineBench.Run(new EngineBench.Settings(EngineBench.ParsePairs(parse.GetValue(pairs)!), timed, untimed, noiseStrength,
                    BackendNames.ParsePreference(parse.GetValue(backend)!), common.DeviceOf(parse), parse.GetValue(common.TorchLibDir), checkpoint,
                    common.PrecisionOf(parse)),
                    logger, parse.InvocationConfiguration.Output);
                return ExitCodes.Success;
            }
            var device = TorchDevices.Select(common.DeviceOf(parse), parse.GetValue(common.TorchLibDir), logger);
            using var model = checkpoint.CreateModel().To(device.Device);
            model.Network.eval();
            using var field = new NoiseField(0, parse.GetValue(noise));
            var upscaler = new ImageInference(model, field);
            using var frame = rand(1, 3, height, width).to(device.Device);
            var tileSides = ParseTileSides(parse.GetValue(tile));
            var tiler = new TiledImageInference(model, field);
            var candidates = new List<(string Name, Action Run)> { ("whole", () => { using var o = upscaler.Upscale(frame); Synchronize(device); }) };
            foreach (int n in tileSides) candidates.Add(($"tile {n}", () => { using var o = tiler.UpscaleToTensor(frame, n); Synchronize(device); }));
            var medians = Medians(candidates, timed, untimed);
            double modelMs = medians[0];
            double bicubicMs = Median(() => { using var o = ImageInference.Bicubic(frame, model.Scale); Synchronize(device); }, timed, untimed);
            int outW = model.Scale.OutputSize(width), outH = model.Scale.OutputSize(height);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{width}x{height} -> {outW}x{outH} on {device}, {Environment.ProcessorCount} logical CPUs, median of {timed} runs after {untimed} warm-up:");
            double gigaFlops = model.Architecture.GigaFlopsPerFrame(outW, outH);
            output.WriteLine($"  model   {modelMs,9:F1} ms  ({model.Network.ParameterCount:N0} parameters, {gigaFlops:F1} GFLOPs, {gigaFlops / (modelMs / 1000):F0} GFLOP/s)");
            for (int i = 0; i < tileSides.Count; i++)
            {
                var layout = tiler.LayoutFor(width, height, tileSides[i]);
                double ms = medians[i + 1];
                output.WriteLine($"  tiled   {ms,9:F1} ms  ({layout.Tiles.Count} tiles of {tileSides[i]} px, halo {layout.HaloCells} cells, " +
                                 $"{layout.Overhead:F2}x the cells, {gigaFlops / (ms / 1000):F0} GFLOP/s of the image's own work)");
            }
            output.WriteLine($"  bicubic {bicubicMs,9:F1} ms");
            output.WriteLine($"  ratio   {modelMs / bicubicMs,9:F1} x bicubic");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Synchronize(TorchDevice device)
    {
        if (device.IsCuda) cuda.synchronize();
    }

    private static double Median(Action run, int timed, int warmup) => Medians(new[] { ("", run) }, timed, warmup)[0];

    /// <summary>Median milliseconds of each run, timed round-robin (one of each per round) after the warm-up rounds.</summary>
    private static double[] Medians(IReadOnlyList<(string Name, Action Run)> runs, int timed, int warmup)
    {
        for (int i = 0; i < warmup; i++)
            foreach (var (_, run) in runs) run();
        var times = runs.Select(_ => new double[timed]).ToArray();
        for (int i = 0; i < timed; i++)
            for (int r = 0; r < runs.Count; r++)
            {
                var watch = Stopwatch.StartNew();
                runs[r].Run();
                times[r][i] = watch.Elapsed.TotalMilliseconds;
            }
        return times.Select(t =>
        {
            Array.Sort(t);
            return timed % 2 == 1 ? t[timed / 2] : (t[timed / 2 - 1] + t[timed / 2]) / 2;
        }).ToArray();
    }

    private static IReadOnlyList<int> ParseTileSides(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Array.Empty<int>();
        var sides = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int side)
                || side < TileLayout.MinimumTileSide)
                throw new InvalidSettingException($"--tile '{part.Trim()}' is not a tile side of at least {TileLayout.MinimumTileSide} pixels",
                    "Give one or more sides, for example --tile 256 or --tile 128,256,512.");
            sides.Add(side);
        }
        return sides;
    }

    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out int w) && int.TryParse(parts[1], out int h) && w > 0 && h > 0)
            return (w, h);
        throw new InvalidSettingException($"'{text}' is not a size", "Write sizes as WIDTHxHEIGHT, for example 960x540.");
    }
}
