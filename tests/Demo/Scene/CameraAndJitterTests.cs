using System.Numerics;
using GdpoRealtime.Demo.Scene;

namespace GdpoRealtime.Tests.Demo.Scene;

public class CameraAndJitterTests
{
    private static readonly CameraPath Path = CourtyardScene.Path();

    [Test]
    public void TheCameraIsAFunctionOfTimeAndLoops()
    {
        foreach (double t in new[] { 0.0, 3.3, 17.25, 59.9 })
        {
            Assert.That(Path.At(t), Is.EqualTo(Path.At(t)));
            var later = Path.At(t + Path.Period);
            Assert.That(Vector3.Distance(later.Position, Path.At(t).Position), Is.LessThan(1e-3f), "one period later the camera is back");
        }
        Assert.That(Path.Period, Is.EqualTo(60).Within(1e-9));
        Assert.That(Path.At(0).Position, Is.EqualTo(Path.Keys[0].Position), "the path passes through its keyframes");
        Assert.That(Path.At(7.5).Target, Is.EqualTo(Path.Keys[1].Target));
    }

    [Test]
    public void TheCameraMovesSmoothly()
    {
        const double dt = 1.0 / 60;
        float worst = 0;
        for (double t = 0; t < Path.Period; t += dt)
            worst = Math.Max(worst, Vector3.Distance(Path.At(t).Position, Path.At(t + dt).Position));
        Assert.That(worst, Is.LessThan(0.2f), "no jumps between 60 Hz frames (metres)");
        Assert.That(Vector3.Distance(Path.At(0).Position, Path.At(1).Position), Is.GreaterThan(0.05f), "and it does move");
    }

    [Test]
    public void HaltonSequenceValues()
    {
        Assert.That(new[] { 1, 2, 3, 4 }.Select(i => Jitter.Halton(i, 2)), Is.EqualTo(new[] { 0.5, 0.25, 0.75, 0.125 }).Within(1e-12));
        Assert.That(new[] { 1, 2, 3, 4 }.Select(i => Jitter.Halton(i, 3)), Is.EqualTo(new[] { 1 / 3.0, 2 / 3.0, 1 / 9.0, 4 / 9.0 }).Within(1e-12));
    }

    [Test]
    public void JitterFollowsFsr2sPhasesAndStaysInsideThePixel()
    {
        Assert.That(Jitter.PhaseCount(2), Is.EqualTo(32));
        Assert.That(Jitter.PhaseCount(1.5), Is.EqualTo(18));
        Assert.That(Jitter.ForFrame(0, 2), Is.EqualTo(new Vector2(0f, (float)(1 / 3.0 - 0.5))));
        Assert.That(Jitter.ForFrame(32, 2), Is.EqualTo(Jitter.ForFrame(0, 2)), "the sequence repeats after the phase count");
        var all = Enumerable.Range(0, 32).Select(i => Jitter.ForFrame(i, 2)).ToList();
        Assert.That(all.Distinct().Count(), Is.EqualTo(32));
        Assert.That(all.All(j => j.X is >= -0.5f and < 0.5f && j.Y is >= -0.5f and < 0.5f));
        Assert.That(all.Average(j => j.X), Is.EqualTo(0).Within(0.03), "centred");
    }

    [Test]
    public void ProjectionShiftsByTheJitter()
    {
        var camera = Path.At(0);
        var point = Vector3.Transform(new Vector3(0, 0, -10), Matrix4x4.CreateTranslation(0, 0, 0)) + camera.Position + new Vector3(0.3f, 0.1f, -20);
        Vector2 Pixel(Vector2 jitter)
        {
            var clip = Vector4.Transform(new Vector4(point, 1), camera.ViewProjection(64, 36, jitter));
            return new Vector2((clip.X / clip.W + 1) / 2 * 64, (clip.Y / clip.W + 1) / 2 * 36);
        }
        var moved = Pixel(new Vector2(0.25f, -0.5f)) - Pixel(Vector2.Zero);
        Assert.That(moved.X, Is.EqualTo(-0.25f).Within(1e-3), "the image moves opposite to the sample point");
        Assert.That(moved.Y, Is.EqualTo(0.5f).Within(1e-3));
    }
}
