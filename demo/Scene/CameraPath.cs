using System.Numerics;

namespace GdpoRealtime.Demo.Scene;

/// <summary>
/// The scripted camera: a closed Catmull-Rom spline through keyframes, for the eye and for the point looked
/// at, traversed at one keyframe per <see cref="SecondsPerKey"/>. A pure function of time, so every run,
/// resolution and machine sees the same camera at the same time.
/// </summary>
public sealed class CameraPath
{
    public CameraPath(IReadOnlyList<(Vector3 Position, Vector3 Target)> keys, double secondsPerKey, float fieldOfViewYDegrees)
    {
        if (keys.Count < 4) throw new ArgumentException("A closed Catmull-Rom path needs at least four keyframes.", nameof(keys));
        if (!(secondsPerKey > 0)) throw new ArgumentOutOfRangeException(nameof(secondsPerKey));
        Keys = keys;
        SecondsPerKey = secondsPerKey;
        FieldOfViewYDegrees = fieldOfViewYDegrees;
    }

    public IReadOnlyList<(Vector3 Position, Vector3 Target)> Keys { get; }
    public double SecondsPerKey { get; }
    public float FieldOfViewYDegrees { get; }

    /// <summary>Seconds for one loop of the path.</summary>
    public double Period => Keys.Count * SecondsPerKey;

    public CameraPose At(double seconds)
    {
        double loop = seconds % Period;
        if (loop < 0) loop += Period;
        double position = loop / SecondsPerKey;
        int segment = (int)Math.Floor(position);
        float t = (float)(position - segment);
        int n = Keys.Count;
        var (p0, t0) = Keys[(segment - 1 + n) % n];
        var (p1, t1) = Keys[segment % n];
        var (p2, t2) = Keys[(segment + 1) % n];
        var (p3, t3) = Keys[(segment + 2) % n];
        float eased = t * t * (3f - 2f * t) * 0.35f + t * 0.65f; // a little slower near keyframes, never stopping
        return new CameraPose(CatmullRom(p0, p1, p2, p3, eased), CatmullRom(t0, t1, t2, t3, eased), FieldOfViewYDegrees);
    }

    private static Vector3 CatmullRom(Vector3 p0, Vector3 p1, Vector3 p2, Vector3 p3, float t)
    {
        float t2 = t * t, t3 = t2 * t;
        return 0.5f * (2f * p1 + (p2 - p0) * t + (2f * p0 - 5f * p1 + 4f * p2 - p3) * t2 + (3f * p1 - p0 - 3f * p2 + p3) * t3);
    }
}
