using GdpoRealtime.Trainer.Data.Capture;

namespace GdpoRealtime.Demo.Capture;

/// <summary>Decides whether an existing capture can be continued with the given plan, and says why not.</summary>
public static class CaptureCompatibility
{
    /// <summary>The first difference between the folder's capture and what this plan would write, or null when they agree.</summary>
    public static string? Mismatch(CaptureManifest existing, CaptureManifest expected, CapturePlan plan)
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
            if (i >= plan.Frames) break; // a folder holding more than asked for is complete: nothing to check or do
            var planned = plan.Frame(i);
            if (frame.Scene != planned.Segment.Scene.Name || frame.Textures != planned.Segment.Textures.Label)
                return $"its pair {i} shows {frame.Scene} with {frame.Textures} textures, this run would render {planned.Segment.Scene.Name} with {planned.Segment.Textures.Label} " +
                       "(--scene, --textures and --frames decide which pairs each scene gets)";
            if (frame.SceneRevision != planned.Segment.Definition.Revision)
                return $"its pair {i} shows revision {frame.SceneRevision} of {frame.Scene}, this program draws revision {planned.Segment.Definition.Revision}";
            if (Math.Abs(frame.Time - planned.Time) > 1e-6)
                return $"its pair {i} is at scene time {frame.Time:0.###} s, this run would put it at {planned.Time:0.###} s (--start, --interval)";
            if (frame.CameraPath != planned.CameraPath || frame.Lighting != planned.LightingName)
                return $"its pair {i} is on camera path {frame.CameraPath} under {frame.Lighting}, this run would use path {planned.CameraPath} under {planned.LightingName}";
            if (frame.Jittered != planned.Jittered || frame.Jitter.Length != 2
                || Math.Abs(frame.Jitter[0] - planned.Jitter.X) > 1e-5 || Math.Abs(frame.Jitter[1] - planned.Jitter.Y) > 1e-5)
                return $"its pair {i} has jitter ({string.Join(", ", frame.Jitter)}), this run would use ({planned.Jitter.X}, {planned.Jitter.Y}) (--jitter, --seed)";
            if (frame.LowRes != CaptureWriter.LowResName(i) || frame.Truth != CaptureWriter.TruthName(i))
                return $"its pair {i} is stored as {frame.LowRes} and {frame.Truth}";
        }
        return null;
    }

    /// <summary>The recorded pairs up to the first one with a missing file (a folder edited by hand); the rest are captured again.</summary>
    public static List<CapturedFrame> CompletePairs(CaptureManifest manifest, CaptureWriter folder, out int dropped)
    {
        var kept = manifest.Frames.TakeWhile(f => File.Exists(folder.FullPath(f.LowRes)) && File.Exists(folder.FullPath(f.Truth))).ToList();
        dropped = manifest.Frames.Count - kept.Count;
        return kept;
    }
}
