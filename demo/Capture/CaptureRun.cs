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
/// 'gdpo-sr capture': renders pairs of (low-res frame, supersampled ground truth) of one or many scenes, as
/// laid out by a <see cref="CapturePlan"/>, into a capture folder. Rendering and PNG writing overlap (a writer thread takes finished pairs), each pair's
/// files are written atomically before the manifest names them, and a run that is killed or interrupted
/// continues where it stopped when started again with the same settings.
/// </summary>
public static class CaptureRun
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    public sealed record Result(int Pairs, int NewPairs, TimeSpan Elapsed, TimingStatistics Timings, string Folder);

    private sealed record PendingPair(PlannedFrame Planned, FrameDescription Frame, string TexturesFingerprint, RgbImage LowRes, RgbImage Truth);

    public static Result Run(CaptureSettings settings, ILogger logger, TextWriter output, CancellationToken cancel = default)
    {
        var plan = CapturePlan.Create(settings);
        var folder = new CaptureWriter(settings.OutputFolder);
        var existing = folder.ReadManifest();
        var sizes = settings.Sizes;
        var expected = new CaptureManifest
        {
            RendererVersion = SceneRenderer.PipelineVersion(settings.Render),
            Scale = $"{sizes.Scale.Numerator}/{sizes.Scale.Denominator}",
            LowResWidth = sizes.LowResWidth,
            LowResHeight = sizes.LowResHeight,
            Width = sizes.Width,
            Height = sizes.Height,
            SupersampleCount = settings.Render.SamplesPerTruthPixel,
            Plan = plan.Record(),
        };

        var manifest = expected;
        if (existing is not null)
        {
            if (CaptureCompatibility.Mismatch(existing, expected, plan) is { } why)
                throw new CaptureFolderException($"'{folder.Path}' holds a capture made with other settings: {why}",
                    "Capture into another folder, pass the settings it was made with, or add --resume to continue it with its own settings.");
            var complete = CaptureCompatibility.CompletePairs(existing, folder, out int dropped);
            if (dropped > 0) logger.LogWarning("{Dropped} pair(s) named by the manifest have missing files; they will be captured again", dropped);
            manifest = expected with { Frames = complete };
        }
        int removed = folder.CleanStrays(manifest.Frames.Count);
        if (removed > 0) logger.LogInformation("Removed {Count} file(s) an interrupted run left behind", removed);

        int start = manifest.Frames.Count;
        if (start >= settings.Frames)
        {
            output.WriteLine($"{folder.Path} already holds {start} pair(s) (asked for {settings.Frames}); nothing to do");
            return new Result(start, 0, TimeSpan.Zero, new TimingStatistics(), folder.Path);
        }
        foreach (var source in settings.TextureSources.Where(s => s.Folder is not null))
            if (TextureFolder.ImageFiles(source.Folder!).Count == 0)
                throw new Runtime.Errors.ImageInputException($"Texture folder '{source.Folder}' has no usable images: it holds no .png, .jpg, .jpeg, .tga or .bmp file",
                    "Put PNG, JPEG or TGA textures in it (scripts/fetch-training-data.sh fills data/images), or pass --textures procedural.");
        using var gpu = GpuContext.CreateOffscreen(logger, settings.Render.MaxAnisotropy > 1);
        var captured = manifest.Frames.ToList(); // the pairs of earlier runs (the writer adds to the manifest's list as this run goes)
        folder.WriteManifest(manifest);
        string what = plan.Segments.Count == 1
            ? $"{settings.Scenes[0].Name} with {settings.TextureSources[0].Label} textures"
            : $"{settings.Scenes.Count} scene(s) x {settings.TextureSources.Count} texture source(s), {plan.FramesPerSegment} pairs each";
        output.WriteLine(start > 0
            ? $"resuming the capture in {folder.Path} after pair {start - 1}: {settings.Frames - start} more of {sizes} ({what})"
            : $"capturing {settings.Frames} pair(s) of {sizes} into {folder.Path}: {what}");
        logger.LogInformation("Renderer: {Version}; ground truth {Samples} samples per pixel; jitter {Jitter}",
            expected.RendererVersion, settings.Render.SamplesPerTruthPixel, settings.Jitter == JitterMode.Off ? "off" : $"Halton(2,3), {settings.Jitter.Name()}");

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
            foreach (var segment in plan.Segments.Where(s => s.FirstFrame + s.Frames > start))
            {
                if (cancel.IsCancellationRequested || writer.IsCompleted) break;
                var watch = Stopwatch.StartNew();
                var textures = segment.Textures.Load(segment.Scene.Name, settings.Seed, settings.Render.TextureSize, logger);
                var earlier = captured.Where(f => f.Index >= segment.FirstFrame && f.TexturesFingerprint != textures.Fingerprint).Select(f => f.Index).FirstOrDefault(-1);
                if (earlier >= 0)
                    throw new CaptureFolderException(
                        $"The textures of {segment.Scene.Name} from {segment.Textures.Folder ?? segment.Textures.Label} changed since pair {earlier} was captured (fingerprint {textures.Fingerprint})",
                        "Restore the texture folder as it was, or capture into another folder.");
                using var renderer = new SceneRenderer(gpu, segment.Definition, textures, settings.Render);
                lock (timings) timings.Add("scene setup", watch.Elapsed.TotalMilliseconds);
                logger.LogInformation("Segment {Segment}/{Count}: {Scene} with {Textures} textures (#{Fingerprint}), pairs {First}-{Last}",
                    segment.Index + 1, plan.Segments.Count, segment.Scene.Name, segment.Textures.Label, textures.Fingerprint,
                    segment.FirstFrame, segment.FirstFrame + segment.Frames - 1);
                for (int index = Math.Max(start, segment.FirstFrame); index < segment.FirstFrame + segment.Frames; index++)
                {
                    if (cancel.IsCancellationRequested || writer.IsCompleted) break;
                    var planned = plan.Frame(index);
                    var frame = planned.Describe(sizes);
                    watch.Restart();
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
                    while (!queue.TryAdd(new PendingPair(planned, frame, textures.Fingerprint, lowRes, truth), 200))
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
                // The writer may still hold this segment's pairs: they are host copies, so the renderer can go.
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
        output.Write(timings.Table($"per pair on {gpu.Device.Physical} (rendering and writing overlap; scene setup once per segment):"));
        return new Result(total, written, clock.Elapsed, timings, folder.Path);
    }

    private static void WritePair(CaptureWriter folder, CaptureManifest manifest, PendingPair pair)
    {
        var frame = pair.Frame;
        var planned = pair.Planned;
        byte[] lowRes = Array.Empty<byte>(), truth = Array.Empty<byte>();
        Parallel.Invoke(() => lowRes = PngFiles.Encode(pair.LowRes), () => truth = PngFiles.Encode(pair.Truth));
        string lowResName = CaptureWriter.LowResName(frame.Index), truthName = CaptureWriter.TruthName(frame.Index);
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
            Scene = planned.Segment.Scene.Name,
            SceneRevision = planned.Segment.Definition.Revision,
            Textures = planned.Segment.Textures.Label,
            TexturesFingerprint = pair.TexturesFingerprint,
            CameraPath = planned.CameraPath,
            Lighting = planned.LightingName,
            Jittered = planned.Jittered,
        });
        folder.WriteManifest(manifest);
    }

    private static Exception Unwrap(Exception e, CaptureWriter folder) => e switch
    {
        IOException or UnauthorizedAccessException => new OutputFolderException(
            $"Writing to the capture folder '{folder.Path}' failed: {e.Message}", "Free some space or choose a writable folder, then run the same command to continue.", e),
        _ => e,
    };
}
