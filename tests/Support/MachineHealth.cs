using GdpoRealtime.Trainer.Diagnostics;

namespace GdpoRealtime.Tests.Support;

/// <summary>
/// Tells a failure of our code from a machine that computes irreproducibly (seen on some virtual machines: training
/// went NaN at random, bit-identical elsewhere). A training test that fails runs the doctor's probe twice; when the
/// probes disagree or go non-finite, the test fails with the doctor's explanation instead of a bare NaN or mismatch.
/// </summary>
public static class MachineHealth
{
    private static readonly Lazy<string?> Problem = new(() =>
    {
        var settings = new ReproducibilityProbe.Settings { Steps = 12, BatchSize = 4, LowResCrop = 24 };
        var verdict = new SettingVerdict(ComputeSetting.AsConfigured, new[] { ReproducibilityProbe.Run(settings), ReproducibilityProbe.Run(settings) });
        return verdict.Reproducible ? null : verdict.Describe();
    });

    /// <summary>Null on a machine that computes reproducibly, else what the probes saw.</summary>
    public static string? Irreproducibility => Problem.Value;

    /// <summary>Runs <paramref name="assertions"/>; if they fail on a machine that computes irreproducibly, fails with that explanation instead.</summary>
    public static void Explained(Action assertions)
    {
        try
        {
            assertions();
        }
        catch (Exception e) when (e is AssertionException or MultipleAssertException && Irreproducibility is { } problem)
        {
            Assert.Fail($"This machine computes irreproducibly ({problem}), so this training test cannot hold here: " +
                        $"run 'gdpo-sr doctor' for the report and the setting that cures it (often DNNL_MAX_CPU_ISA=AVX2). The failure was: {e.Message}");
        }
    }
}
