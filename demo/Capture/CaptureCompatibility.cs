using System.Numerics;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Trainer.Data.Capture;

namespace GdpoRealtime.Demo.Capture;

/// <summary>Decides whether an existing capture can be continued with the given settings, and says why not.</summary>
public static class CaptureCompatibility
{
    /// <summary>The first difference between the folder's capture and what these settings would write, or null when they agree.</summary>
    public static string? Mismatch(CaptureManifest existing, CaptureManifest expected, CaptureSettings settings)
    {
        if (existing.RendererVersion != expected.RendererVersion)
            return $"it was rendered by \"{existing.RendererVersion}\", this run renders with \"{expected.RendererVersion}\"";
        if (existing.Scale != expected.Scale) return $"its scale is {existing.Scale}, this run's is {expected.Scale}";
        if ((existing.Width, existing.Height) != (expected.Width, expected.Height))
            return $"its frames are {existing.Width}x{existing.Height}, this run's are {expected.Width}x{expected.Height}";
        if ((existing.LowResWidth, existing.LowResHeight) != (expected.LowResWidth, expected.LowResHeight))
            return $"its low-res frames are {existing.LowResWidth}x{existing.LowResHeight}, this run's are {expected.LowResWidth}x{expected.LowResHeight}";
        if (existing.SupersampleCount != expected.SupersampleCount)
            return $"its ground truth has {existing.SupersampleCount} samples per pixel, this run's has {expected.SupersampleCount}";
        for (int i = 0; i < existing.Frames.Count; i++)
        {
            var frame = existing.Frames[i];
            if (frame.Index != i) return $"its pair {i} is numbered {frame.Index}";
            if (Math.Abs(frame.Time - settings.TimeOf(i)) > 1e-6)
                return $"its pair {i} is at scene time {frame.Time:0.###} s, this run would put it at {settings.TimeOf(i):0.###} s (--start, --interval)";
            var jitter = ExpectedJitter(settings, i);
            if (frame.Jitter.Length != 2 || Math.Abs(frame.Jitter[0] - jitter.X) > 1e-5 || Math.Abs(frame.Jitter[1] - jitter.Y) > 1e-5)
                return $"its pair {i} has jitter ({string.Join(", ", frame.Jitter)}), this run would use ({jitter.X}, {jitter.Y}) (--jitter)";
            if (frame.LowRes != CaptureFolder.LowResName(i) || frame.Truth != CaptureFolder.TruthName(i))
                return $"its pair {i} is stored as {frame.LowRes} and {frame.Truth}";
        }
        return null;
    }

    public static Vector2 ExpectedJitter(CaptureSettings settings, int index) =>
        settings.Jitter ? Jitter.ForFrame(index, settings.Sizes.Scale.Value) : Vector2.Zero;

    /// <summary>The recorded pairs up to the first one with a missing file (a folder edited by hand); the rest are captured again.</summary>
    public static List<CapturedFrame> CompletePairs(CaptureManifest manifest, CaptureFolder folder, out int dropped)
    {
        var kept = manifest.Frames.TakeWhile(f => File.Exists(folder.FullPath(f.LowRes)) && File.Exists(folder.FullPath(f.Truth))).ToList();
        dropped = manifest.Frames.Count - kept.Count;
        return kept;
    }
}
