using GdpoRealtime.Runtime.Model;

namespace GdpoRealtime.Tests.Runtime.Model;

public class DiffusionScheduleTests
{
    [Test]
    public void StableDiffusionScheduleMatchesTheReferenceConstants()
    {
        var schedule = DiffusionSchedule.StableDiffusion;
        Assert.That(schedule.AlphaBar(100), Is.EqualTo(0.89422).Within(5e-6));
        Assert.That(schedule.AlphaBar(250), Is.EqualTo(0.67379).Within(5e-6));
    }

    [Test]
    public void FirstBetaIsTheStartBetaAndAlphaBarDecreases()
    {
        var schedule = DiffusionSchedule.StableDiffusion;
        Assert.That(1 - schedule.AlphaBar(0), Is.EqualTo(DiffusionSchedule.DefaultBetaStart).Within(1e-12));
        for (int t = 1; t < schedule.Steps; t++) Assert.That(schedule.AlphaBar(t), Is.LessThan(schedule.AlphaBar(t - 1)));
    }

    [Test]
    public void SignalAndNoiseScalesAreUnitPower()
    {
        var schedule = DiffusionSchedule.StableDiffusion;
        foreach (int t in new[] { 0, 100, 250, 999 })
            Assert.That(Math.Pow(schedule.SignalScale(t), 2) + Math.Pow(schedule.NoiseScale(t), 2), Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void TimestepOutsideTheScheduleIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DiffusionSchedule.StableDiffusion.AlphaBar(1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiffusionSchedule.StableDiffusion.AlphaBar(-1));
    }
}
