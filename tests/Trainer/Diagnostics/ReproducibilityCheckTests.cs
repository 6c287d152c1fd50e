using GdpoRealtime.Trainer.Diagnostics;

namespace GdpoRealtime.Tests.Trainer.Diagnostics;

public class ReproducibilityCheckTests
{
    private static ProbeResult Result(string fingerprint, params double[] losses) =>
        new() { Fingerprint = fingerprint, Losses = losses, Seconds = 1 };

    [Test]
    public void IdenticalFiniteRunsMeanAReproducibleMachineAndNothingElseIsTried()
    {
        var asked = new List<string>();
        var report = ReproducibilityCheck.Run((setting, _) => { asked.Add(setting.Name); return Result("aa", 1, 0.5); });
        Assert.Multiple(() =>
        {
            Assert.That(report.Reproducible, Is.True);
            Assert.That(asked, Is.EqualTo(new[] { "as configured", "as configured" }));
            Assert.That(report.Verdicts.Single().Describe(), Does.Contain("identical bit for bit"));
        });
    }

    [Test]
    public void RunsThatDifferAreNamedByTheirFirstDifferentStepAndTheFirstCuringSettingIsFound()
    {
        int baseline = 0;
        var report = ReproducibilityCheck.Run((setting, _) => setting.Name switch
        {
            "as configured" => ++baseline == 1 ? Result("aa", 1, 0.5, 0.25) : Result("bb", 1, 0.5, 0.26),
            "oneDNN limited to AVX2" => Result("cc", 1, 0.5, 0.2),
            _ => throw new AssertionException("a later setting was tried after a cure was found"),
        });
        Assert.Multiple(() =>
        {
            Assert.That(report.Reproducible, Is.False);
            Assert.That(report.Verdicts[0].FirstDifferentStep, Is.EqualTo(3));
            Assert.That(report.Verdicts[0].Describe(), Does.Contain("NOT reproducible").And.Contain("step 3"));
            Assert.That(report.Cure?.Setting.Environment["DNNL_MAX_CPU_ISA"], Is.EqualTo("AVX2"));
            Assert.That(report.FirstNonFinite, Is.Null, "no run went non-finite, so nothing was traced");
        });
    }

    [Test]
    public void NonFiniteStepsAreTracedAndEverySettingTriedWhenNoneCures()
    {
        int traced = 0;
        var report = ReproducibilityCheck.Run((setting, trace) =>
        {
            if (trace)
            {
                traced++;
                return Result("xx", 1) with { FirstNonFinite = "step 2: network.head (Conv2d) produced 5 non-finite of 100 values from a finite input" };
            }
            return Result("aa", 1, double.NaN) with { SkippedSteps = 1 };
        });
        Assert.Multiple(() =>
        {
            Assert.That(traced, Is.EqualTo(1));
            Assert.That(report.FirstNonFinite, Does.Contain("network.head"));
            Assert.That(report.Cure, Is.Null);
            Assert.That(report.Verdicts, Has.Count.EqualTo(1 + ComputeSetting.Alternatives.Count));
            Assert.That(report.Verdicts[0].Describe(), Does.Contain("non-finite steps"));
        });
    }
}
