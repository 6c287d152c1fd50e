using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Training.Pretraining;
using GdpoRealtime.Trainer.Training.Runs;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Diagnostics;

/// <summary>What one probe measured: a fingerprint of its trained weights and inference output, and every step's outcome.</summary>
public sealed record ProbeResult
{
    /// <summary>SHA-256 (hex) over the final weights and the output of one inference: equal only when both are equal bit for bit.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Each step's loss as computed (NaN where it was not finite).</summary>
    public required IReadOnlyList<double> Losses { get; init; }

    /// <summary>Steps whose first attempt was not finite but whose retry was (an error that did not repeat).</summary>
    public int RetriedSteps { get; init; }

    /// <summary>Steps not applied because both attempts were not finite.</summary>
    public int SkippedSteps { get; init; }

    /// <summary>With tracing on: the first operation that produced a non-finite value, forward or backward; null when none did.</summary>
    public string? FirstNonFinite { get; init; }

    public double Seconds { get; init; }

    [JsonIgnore]
    public bool AllFinite => RetriedSteps == 0 && SkippedSteps == 0 && FirstNonFinite is null && Losses.All(double.IsFinite);
}

/// <summary>
/// A short, fixed-seed stage-1 training of the shipped architecture on procedural pairs, with the recipe's losses
/// (adversarial and auxiliary denoising included), then one inference with noise: the work whose results must not
/// depend on the run. Two probes on a healthy machine give the same fingerprint; a machine whose kernels compute
/// irreproducibly gives different fingerprints or non-finite steps.
/// </summary>
public static class ReproducibilityProbe
{
    public sealed record Settings
    {
        public int Steps { get; init; } = 60;
        public int BatchSize { get; init; } = 8;
        public int LowResCrop { get; init; } = 32;
        public ulong Seed { get; init; } = 1;

        /// <summary>Trace the first non-finite operation (much slower): forward checks on every layer and autograd's anomaly mode.</summary>
        public bool Trace { get; init; }
    }

    public static ProbeResult Run(Settings settings, Action<int>? afterStep = null)
    {
        var watch = Stopwatch.StartNew();
        using var data = new ProceduralPairSource(settings.Seed);
        manual_seed((long)settings.Seed);
        using var model = new NoiseAwareOneStepModel(new ModelArchitecture());
        var pretrain = new PretrainSettings
        {
            Steps = settings.Steps, BatchSize = settings.BatchSize, LowResCrop = settings.LowResCrop, Seed = settings.Seed,
            AdversarialStart = Math.Min(10, settings.Steps / 3), AdversarialWeight = 0.02, DenoisingWeight = 0.05, SmoothRegionWeight = 8,
        };
        using var trainer = new Pretrainer(model, data, pretrain);
        using var tracer = settings.Trace ? new NonFiniteTracer(("network", model.Network), ("discriminator", trainer.Discriminator!)) : null;
        var losses = new List<double>();
        int retried = 0, skipped = 0;
        string? backwardError = null;
        for (int step = 1; step <= settings.Steps; step++)
        {
            if (tracer is not null) tracer.Step = step;
            StepOutcome outcome;
            try { outcome = trainer.Step(step); }
            catch (Exception e) when (tracer is not null && e is not OutOfMemoryException)
            {
                // Anomaly mode stops the backward pass at the first function that returns a non-finite gradient.
                backwardError = $"step {step}: backward: {e.Message.Split('\n', 2)[0].Trim()}";
                break;
            }
            losses.Add(outcome.Values.TryGetValue("loss", out var loss) ? loss : double.NaN);
            if (!outcome.Applied) skipped++;
            else if (outcome.Values.ContainsKey(GuardedStep.RetriedKey)) retried++;
            afterStep?.Invoke(step);
        }
        return new ProbeResult
        {
            Fingerprint = Fingerprint(model, settings.Seed),
            Losses = losses,
            RetriedSteps = retried,
            SkippedSteps = skipped,
            FirstNonFinite = tracer?.FirstNonFiniteForward ?? backwardError,
            Seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
        };
    }

    private static string Fingerprint(NoiseAwareOneStepModel model, ulong seed)
    {
        model.Network.eval();
        model.InvalidateFoldedTimestep();
        using var scope = NewDisposeScope();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (_, parameter) in model.Network.state_dict())
            hash.AppendData(parameter.detach().cpu().contiguous().bytes);
        using var generator = new Generator(seed + 1);
        var lowRes = rand(new long[] { 1, 3, 48, 64 }, generator: generator);
        using var noise = new NoiseField((long)seed, 1.0);
        var output = model.Upscale(lowRes, noise.For(model.LatentShape(48, 64), model.Device, model.DataType));
        hash.AppendData(output.contiguous().bytes);
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
