using System.Collections.Concurrent;
using System.Diagnostics;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Demo.Session;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.IO;
using GdpoRealtime.Trainer.Data.Capture;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Demo.Capture;

/// <summary>
/// 'gdpo-sr capture': renders pairs of (low-res frame, supersampled ground truth) along the camera path into
/// a capture folder. Rendering and PNG writing overlap (a writer thread takes finished pairs), each pair's
/// files are written atomically before the manifest names them, and a run that is killed or interrupted
/// continues where it stopped when started again with the same settings.
/// </summary>
public static class CaptureRun
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    public sealed record Result(int Pairs, int NewPairs, TimeSpan Elapsed, TimingStatistics Timings, string Folder);

    private sealed record PendingPair(FrameDescription Frame, RgbImage LowRes, RgbImage Truth);

    public static Result Run(CaptureSettings settings, ILogger logger, TextWriter output, CancellationToken cancel = default)
    {
        settings.Validate();
        var folder = new CaptureFolder(settings.OutputFolder);
        var existing = folder.ReadManifest();
        using var gpu = GpuContext.CreateOffscreen(logger, settings.Render.MaxAnisotropy > 1);
        var textures = settings.TexturesFolder is { } texturePath
            ? TextureFolder.Load(texturePath, settings.Render.TextureSize, logger)
            : TextureSet.Procedural(settings.Render.TextureSize);
        using var renderer = new SceneRenderer(gpu, CourtyardScene.Create(), textures, settings.Render);
        var sizes = settings.Sizes;
        var expected = new CaptureManifest
        {
            RendererVersion = renderer.Version,
            Scale = $"{sizes.Scale.Numerator}/{sizes.Scale.Denominator}",
            LowResWidth = sizes.LowResWidth,
            LowResHeight = sizes.LowResHeight,
            Width = sizes.Width,
            Height = sizes.Height,
            SupersampleCount = settings.Render.SamplesPerTruthPixel,
        };

        var manifest = expected;
        if (existing is not null)
        {
            if (CaptureCompatibility.Mismatch(existing, expected, settings) is { } why)
                throw new CaptureFolderException($"'{folder.Path}' holds a capture made with other settings: {why}",
                    "Capture into another folder, pass the settings it was made with, or add --resume to continue it with its own settings.");
            var complete = CaptureCompatibility.CompletePairs(existing, folder, out int dropped);
            if (dropped > 0) logger.LogWarning("{Dropped} pair(s) named by the manifest have missing files; they will be captured again", dropped);
            manifest = existing with { Frames = complete };
        }
        int removed = folder.CleanStrays(manifest.Frames.Count);
        if (removed > 0) logger.LogInformation("Removed {Count} file(s) an interrupted run left behind", removed);
        folder.WriteManifest(manifest);

        int start = manifest.Frames.Count;
        if (start >= settings.Frames)
        {
            output.WriteLine($"{folder.Path} already holds {start} pair(s) (asked for {settings.Frames}); nothing to do");
            return new Result(start, 0, TimeSpan.Zero, new TimingStatistics(), folder.Path);
        }
        output.WriteLine(start > 0
            ? $"resuming the capture in {folder.Path} after pair {start - 1}: {settings.Frames - start} more of {sizes}"
            : $"capturing {settings.Frames} pair(s) of {sizes} into {folder.Path}");
        logger.LogInformation("Renderer: {Version}; ground truth {Samples} samples per pixel; jitter {Jitter}",
            renderer.Version, settings.Render.SamplesPerTruthPixel, settings.Jitter ? "Halton(2,3)" : "off");

        var timings = new TimingStatistics();
        var clock = Stopwatch.StartNew();
        int written = 0;
        var lastProgress = TimeSpan.Zero;
        using var queue = new BlockingCollection<PendingPair>(boundedCapacity: 2);
        var writer = Task.Run(() =>
        {
            foreach (var pair in queue.GetConsumingEnumerable())
            {
                var watch = Stopwatch.StartNew();
                WritePair(folder, manifest, pair);
                lock (timings)
                {
                    timings.Add("encode + write", watch.Elapsed.TotalMilliseconds);
                    written++;
                }
            }
        });

        try
        {
            for (int index = start; index < settings.Frames && !cancel.IsCancellationRequested && !writer.IsCompleted; index++)
            {
                var frame = FrameDescription.At(renderer.Scene, index, settings.TimeOf(index), sizes, settings.Jitter);
                var watch = Stopwatch.StartNew();
                var lowResImage = renderer.RenderLowRes(frame);
                double lowResTime = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                var lowRes = renderer.Read(lowResImage);
                double readTime = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                var truthImage = renderer.RenderTruth(frame);
                double truthTime = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                var truth = renderer.Read(truthImage);
                readTime += watch.Elapsed.TotalMilliseconds;
                lock (timings)
                {
                    timings.Add("render low-res", lowResTime);
                    timings.Add("render truth", truthTime);
                    timings.Add("read back", readTime);
                }
                while (!queue.TryAdd(new PendingPair(frame, lowRes, truth), 200))
                    if (writer.IsCompleted) break;
                if (clock.Elapsed - lastProgress > ProgressInterval)
                {
                    lastProgress = clock.Elapsed;
                    int done;
                    lock (timings) done = written;
                    double perMinute = done / Math.Max(clock.Elapsed.TotalMinutes, 1e-9);
                    var remaining = perMinute > 0 ? TimeSpan.FromMinutes((settings.Frames - start - done) / perMinute) : TimeSpan.Zero;
                    logger.LogInformation("Captured {Done}/{Total} pairs ({PerMinute:F1} pairs/min, about {Remaining:mm\\:ss} left)",
                        start + done, settings.Frames, perMinute, remaining);
                }
            }
        }
        finally
        {
            queue.CompleteAdding();
            try { writer.Wait(); }
            catch (AggregateException e) when (e.InnerException is not null)
            {
                throw Unwrap(e.InnerException, folder);
            }
        }
        clock.Stop();
        int total = manifest.Frames.Count;
        if (cancel.IsCancellationRequested)
        {
            output.WriteLine($"stopped: {total} complete pair(s) in {folder.Path}; run the same command again to continue");
            throw new OperationCanceledException(cancel);
        }
        double minutes = clock.Elapsed.TotalMinutes;
        output.WriteLine($"captured {written} pair(s) in {clock.Elapsed.TotalSeconds:F1} s ({written / Math.Max(minutes, 1e-9):F1} pairs/min); " +
                         $"{folder.Path} holds {total} pair(s) of {sizes}");
        output.Write(timings.Table($"per pair on {gpu.Device.Physical} (rendering and writing overlap):"));
        return new Result(total, written, clock.Elapsed, timings, folder.Path);
    }

    private static void WritePair(CaptureFolder folder, CaptureManifest manifest, PendingPair pair)
    {
        var frame = pair.Frame;
        byte[] lowRes = Array.Empty<byte>(), truth = Array.Empty<byte>();
        Parallel.Invoke(() => lowRes = PngFiles.Encode(pair.LowRes), () => truth = PngFiles.Encode(pair.Truth));
        string lowResName = CaptureFolder.LowResName(frame.Index), truthName = CaptureFolder.TruthName(frame.Index);
        AtomicFile.WriteAllBytes(folder.FullPath(lowResName), lowRes);
        AtomicFile.WriteAllBytes(folder.FullPath(truthName), truth);
        manifest.Frames.Add(new CapturedFrame
        {
            Index = frame.Index,
            Time = frame.Time,
            Camera = new CaptureCamera(
                new[] { frame.Camera.Position.X, frame.Camera.Position.Y, frame.Camera.Position.Z },
                new[] { frame.Camera.Target.X, frame.Camera.Target.Y, frame.Camera.Target.Z },
                frame.Camera.FieldOfViewYDegrees),
            Jitter = new[] { frame.Jitter.X, frame.Jitter.Y },
            LowRes = lowResName,
            Truth = truthName,
        });
        folder.WriteManifest(manifest);
    }

    private static Exception Unwrap(Exception e, CaptureFolder folder) => e switch
    {
        IOException or UnauthorizedAccessException => new OutputFolderException(
            $"Writing to the capture folder '{folder.Path}' failed: {e.Message}", "Free some space or choose a writable folder, then run the same command to continue.", e),
        _ => e,
    };
}
