using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Trainer.Support;
using GdpoRealtime.Trainer.Diagnostics;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Diagnostics;

public class ReproducibilityProbeTests
{
    private static readonly ReproducibilityProbe.Settings Short = new() { Steps = 6, BatchSize = 2, LowResCrop = 16 };

    [Test]
    public void TwoProbesOnThisMachineAgreeBitForBitAndStayFinite()
    {
        var first = ReproducibilityProbe.Run(Short);
        var second = ReproducibilityProbe.Run(Short);
        Assert.Multiple(() =>
        {
            Assert.That(first.Losses, Has.Count.EqualTo(6));
            Assert.That(first.AllFinite && second.AllFinite, Is.True, "the training went non-finite: run 'gdpo-sr doctor'");
            Assert.That(second.Fingerprint, Is.EqualTo(first.Fingerprint), "two fixed-seed runs differ: run 'gdpo-sr doctor'");
            Assert.That(second.Losses, Is.EqualTo(first.Losses));
        });
    }

    [Test]
    public void AnotherSeedGivesAnotherFingerprint()
    {
        var a = ReproducibilityProbe.Run(Short);
        var b = ReproducibilityProbe.Run(Short with { Seed = 2 });
        Assert.That(b.Fingerprint, Is.Not.EqualTo(a.Fingerprint));
    }

    [Test]
    public void ATracedProbeOnAHealthyRunFindsNothing()
    {
        var traced = ReproducibilityProbe.Run(Short with { Steps = 3, Trace = true });
        Assert.That(traced.FirstNonFinite, Is.Null);
        Assert.That(traced.Fingerprint, Is.EqualTo(ReproducibilityProbe.Run(Short with { Steps = 3 }).Fingerprint), "tracing changes nothing it observes");
    }

    [Test]
    public void TheTracerNamesTheFirstLayerThatMakesANonFiniteValueFromAFiniteInput()
    {
        using var model = TinyModels.NoiseDependent();
        using (no_grad())
        {
            var weight = model.Network.named_parameters().First(p => p.name.StartsWith("body", StringComparison.Ordinal) && p.name.EndsWith("second.weight", StringComparison.Ordinal)).parameter;
            weight.view(-1)[0] = tensor(float.PositiveInfinity);
        }
        using var tracer = new NonFiniteTracer(("network", model.Network)) { Step = 7 };
        using var lowRes = rand(1, 3, 8, 8);
        using var output = model.Upscale(lowRes, null);
        Assert.That(tracer.FirstNonFiniteForward, Does.Contain("step 7").And.Contain("second").And.Contain("Conv2d").And.Contain("from a finite input"));
    }
}
