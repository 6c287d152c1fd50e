using System.Diagnostics;
using System.Globalization;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Session;
using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.IO;
using GdpoRealtime.Trainer.Evaluation;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Demo.Headless;

/// <summary>
/// The demo without a window: renders N frames along the camera path, upscales each with every mode,
/// writes the frames as PNGs and one labelled comparison image, and prints a timing summary.
/// </summary>
public static class HeadlessDemo
{
    public const double DefaultTimeStep = 0.25;

    /// <summary>What a run wrote and measured.</summary>
    public sealed record Result(string FramesFolder, string ComparisonPath, string TimingsPath, TimingStatistics Timings);

    public static Result Run(DemoSettings settings, ILogger logger, TextWriter output, CancellationToken cancel = default)
    {
        if (settings.Frames < 1) throw new Runtime.Errors.InvalidSettingException("The headless demo needs at least one frame", "Pass --frames 1 or more.");
        string folder = OutputFolder.Prepare(settings.OutputFolder, "--out");
        string frames = Path.Combine(folder, "frames");
        Directory.CreateDirectory(frames);

        using var gpu = GpuContext.CreateOffscreen(logger, settings.Render.MaxAnisotropy > 1);
        using var session = DemoSession.Create(gpu, settings, logger);
        var renderer = session.Renderer;
        var timings = new TimingStatistics();
        double step = settings.TimeStep ?? DefaultTimeStep;
        var modes = DisplayMethodKinds.All;
        var last = new Dictionary<DisplayMethodKind, RgbImage>();
        RgbImage? lastLowRes = null;
        output.WriteLine($"headless demo: {settings.Frames} frame(s) of {settings.Sizes}, {renderer.Settings.SamplesPerTruthPixel} spp ground truth, writing to {folder}");
        output.WriteLine($"model upscaler: {session.Model.Context.Backend.Describe()}; network on {session.Model.Context.NetworkDevice}");

        for (int index = 0; index < settings.Frames; index++)
        {
            cancel.ThrowIfCancellationRequested();
            var frame = FrameDescription.At(session.Scene, index, settings.StartTime + index * step, settings.Sizes, settings.Jitter);
            var watch = Stopwatch.StartNew();
            var lowRes = renderer.RenderLowRes(frame);
            timings.Add("render low-res", watch.Elapsed.TotalMilliseconds);
            var images = new Dictionary<DisplayMethodKind, RgbImage>();
            foreach (var mode in modes)
            {
                watch.Restart();
                var upscaled = session[mode].Upscale(lowRes, frame);
                timings.Add(StageName(mode), watch.Elapsed.TotalMilliseconds);
                if (mode == DisplayMethodKind.Model)
                {
                    var split = session.Model.LastTimings;
                    timings.Add("  model: handoff in", split.HandoffInMilliseconds);
                    timings.Add("  model: network", split.NetworkMilliseconds);
                    timings.Add("  model: handoff out", split.HandoffOutMilliseconds);
                }
                images[mode] = renderer.Read(upscaled);
            }
            var lowResImage = renderer.Read(lowRes);
            watch.Restart();
            string prefix = Path.Combine(frames, index.ToString("D4", CultureInfo.InvariantCulture));
            PngFiles.Save(prefix + "-lowres.png", lowResImage);
            foreach (var (mode, image) in images) PngFiles.Save($"{prefix}-{DisplayMethodKinds.Name(mode)}.png", image);
            timings.Add("write PNGs", watch.Elapsed.TotalMilliseconds);
            logger.LogInformation("Frame {Index}/{Count} (t = {Time:F2} s): low-res {LowRes:F0} ms, bilinear {Bilinear:F0} ms, model {Model:F0} ms, native {Native:F0} ms",
                index + 1, settings.Frames, frame.Time, timings.Samples("render low-res")[^1], timings.Samples(StageName(DisplayMethodKind.Bilinear))[^1],
                timings.Samples(StageName(DisplayMethodKind.Model))[^1], timings.Samples(StageName(DisplayMethodKind.Native))[^1]);
            last = images;
            lastLowRes = lowResImage;
        }

        string comparison = Path.Combine(folder, "comparison.png");
        var panels = new List<(string Label, RgbImage Image)>
        {
            ($"low-res {lastLowRes!.Width}x{lastLowRes.Height}, enlarged", SideBySide.ScaleToHeight(lastLowRes, settings.Sizes.Height)),
        };
        panels.AddRange(modes.Select(m => (session[m].Label, last[m])));
        var composed = ComparisonImage.Compose(panels, last[DisplayMethodKind.Native]);
        PngFiles.Save(comparison, composed);
        string timingsPath = Path.Combine(folder, "timings.csv");
        AtomicFile.WriteAllBytes(timingsPath, System.Text.Encoding.UTF8.GetBytes(timings.Csv()));

        output.WriteLine($"wrote {settings.Frames * (modes.Count + 1)} frame images to {frames}");
        output.WriteLine($"wrote {comparison} ({composed.Width}x{composed.Height}: {string.Join(" | ", panels.Select(p => p.Label))})");
        output.WriteLine($"wrote {timingsPath}");
        output.Write(timings.Table($"timings on {gpu.Device.Physical} (model: {session.Model.Label}), median over {Math.Max(1, settings.Frames - 1)} frame(s) after warm-up:"));
        return new Result(frames, comparison, timingsPath, timings);
    }

    public static string StageName(DisplayMethodKind mode) => mode switch
    {
        DisplayMethodKind.Bilinear => "upscale bilinear",
        DisplayMethodKind.Model => "upscale model",
        DisplayMethodKind.Native => "render native GT",
        _ => mode.ToString(),
    };
}
