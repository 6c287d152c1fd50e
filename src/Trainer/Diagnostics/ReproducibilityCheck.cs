namespace GdpoRealtime.Trainer.Diagnostics;

/// <summary>A way to run libtorch: environment variables set before it loads, and the advice to give when it is the cure.</summary>
public sealed record ComputeSetting(string Name, IReadOnlyDictionary<string, string> Environment, string Advice)
{
    public static ComputeSetting AsConfigured { get; } = new("as configured", new Dictionary<string, string>(), "");

    /// <summary>
    /// The alternatives tried when the machine computes irreproducibly, in order: oneDNN's AVX2 kernels instead of its
    /// AVX-512 ones (the convolutions of training run in oneDNN), one thread (no reduction split across threads), both.
    /// </summary>
    public static IReadOnlyList<ComputeSetting> Alternatives { get; } = new[]
    {
        new ComputeSetting("oneDNN limited to AVX2", new Dictionary<string, string> { ["DNNL_MAX_CPU_ISA"] = "AVX2" },
            "export DNNL_MAX_CPU_ISA=AVX2 before training (oneDNN's AVX-512 kernels compute irreproducibly here)"),
        new ComputeSetting("one thread", new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1", ["MKL_NUM_THREADS"] = "1" },
            "export OMP_NUM_THREADS=1 before training (slower: the computation is not reproducible across threads here)"),
        new ComputeSetting("oneDNN limited to AVX2, one thread",
            new Dictionary<string, string> { ["DNNL_MAX_CPU_ISA"] = "AVX2", ["OMP_NUM_THREADS"] = "1", ["MKL_NUM_THREADS"] = "1" },
            "export DNNL_MAX_CPU_ISA=AVX2 OMP_NUM_THREADS=1 before training (slower)"),
    };
}

/// <summary>Probes run with one setting, and whether they agree bit for bit with no non-finite step.</summary>
public sealed record SettingVerdict(ComputeSetting Setting, IReadOnlyList<ProbeResult> Runs)
{
    public bool Reproducible => Runs.All(r => r.AllFinite) && Runs.Select(r => r.Fingerprint).Distinct().Count() == 1;

    /// <summary>The first step whose loss differs between the runs (1-based), or null when every step agrees.</summary>
    public int? FirstDifferentStep
    {
        get
        {
            int steps = Runs.Min(r => r.Losses.Count);
            for (int i = 0; i < steps; i++)
                if (Runs.Select(r => r.Losses[i]).Distinct().Count() > 1) return i + 1;
            return Runs.Select(r => r.Losses.Count).Distinct().Count() > 1 ? steps + 1 : null;
        }
    }

    public string Describe()
    {
        string times = string.Join(", ", Runs.Select(r => $"{r.Seconds:0.0} s"));
        if (Reproducible) return $"{Setting.Name}: {Runs.Count} runs identical bit for bit, every step finite ({times})";
        var problems = new List<string>();
        if (Runs.Select(r => r.Fingerprint).Distinct().Count() > 1)
            problems.Add(FirstDifferentStep is { } step ? $"results differ from step {step} on" : "losses agree but the weights or output differ");
        int retried = Runs.Sum(r => r.RetriedSteps), skipped = Runs.Sum(r => r.SkippedSteps);
        if (retried + skipped > 0) problems.Add($"{retried + skipped} non-finite steps ({skipped} skipped, {retried} recovered on retry)");
        return $"{Setting.Name}: NOT reproducible: {string.Join("; ", problems)} ({times})";
    }
}

/// <summary>The doctor's verdict: the machine as configured, and the first alternative setting that cured it.</summary>
public sealed record ReproducibilityReport(IReadOnlyList<SettingVerdict> Verdicts, string? FirstNonFinite)
{
    public bool Reproducible => Verdicts[0].Reproducible;

    public SettingVerdict? Cure => Reproducible ? null : Verdicts.Skip(1).FirstOrDefault(v => v.Reproducible);
}

/// <summary>
/// Runs the probe twice (or more) as the machine is configured and compares the runs bit for bit; when they differ or
/// go non-finite, traces the first non-finite operation and tries the alternative settings until one computes
/// reproducibly. Each probe runs in a fresh process (the settings are environment variables read when libtorch
/// loads), which <paramref name="runProbe"/> provides.
/// </summary>
public static class ReproducibilityCheck
{
    public static ReproducibilityReport Run(Func<ComputeSetting, bool, ProbeResult> runProbe, int runs = 2, Action<string>? progress = null)
    {
        if (runs < 2) throw new ArgumentOutOfRangeException(nameof(runs), "Comparing needs at least two runs.");
        SettingVerdict Probe(ComputeSetting setting)
        {
            var results = new List<ProbeResult>();
            for (int i = 1; i <= runs; i++)
            {
                progress?.Invoke($"probe {i} of {runs}, {setting.Name}");
                results.Add(runProbe(setting, false));
            }
            var verdict = new SettingVerdict(setting, results);
            progress?.Invoke(verdict.Describe());
            return verdict;
        }

        var verdicts = new List<SettingVerdict> { Probe(ComputeSetting.AsConfigured) };
        if (verdicts[0].Reproducible) return new ReproducibilityReport(verdicts, null);

        string? firstNonFinite = null;
        if (verdicts[0].Runs.Any(r => !r.AllFinite))
        {
            progress?.Invoke("tracing the first non-finite operation (slow)");
            firstNonFinite = runProbe(ComputeSetting.AsConfigured, true).FirstNonFinite ?? "not found in a traced run (the error did not repeat)";
        }
        foreach (var setting in ComputeSetting.Alternatives)
        {
            var verdict = Probe(setting);
            verdicts.Add(verdict);
            if (verdict.Reproducible) break;
        }
        return new ReproducibilityReport(verdicts, firstNonFinite);
    }
}
