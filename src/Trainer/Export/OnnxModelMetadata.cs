using System.Globalization;
using System.Text.Json;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;

namespace GdpoRealtime.Trainer.Export;

/// <summary>
/// What an exported file says about itself (ONNX metadata_props, readable in every runtime's model metadata and in
/// Netron): the scale, the architecture, the timesteps folded into it, the training record, and how to make the noise input.
/// </summary>
internal static class OnnxModelMetadata
{
    /// <summary>Bumped when the graph's inputs, outputs or meaning change.</summary>
    public const string LayoutVersion = "1";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static IReadOnlyList<(string Key, string Value)> For(NoiseAwareOneStepModel model, TrainingRecord training, string source, bool noiseInput)
    {
        var scale = model.Scale;
        var a = model.Architecture;
        int p = scale.Numerator, q = scale.Denominator;
        string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var architecture = new
        {
            a.Kind, a.ScaleNumerator, a.ScaleDenominator, a.Channels, a.ResidualBlocks, a.TimestepEmbeddingWidth,
            Parameters = model.Network.ParameterCount,
        };
        return new List<(string, string)>
        {
            ("gdpo.layout_version", LayoutVersion),
            ("gdpo.scale", scale.ToString()),
            ("gdpo.scale_fraction", $"{p}/{q}"),
            ("gdpo.architecture", JsonSerializer.Serialize(architecture, Json)),
            ("gdpo.timesteps", $"t_add={model.Timesteps.Add} t_diff={model.Timesteps.Diff} (t_diff's embedding folded into the biases)"),
            ("gdpo.schedule", $"DDPM scaled-linear, {model.Schedule.Steps} steps, betas {F(model.Schedule.BetaStart)}-{F(model.Schedule.BetaEnd)}; " +
                              $"signal scale sqrt(abar_add) = {F(model.Schedule.SignalScale(model.Timesteps.Add))}, noise scale sqrt(1 - abar_add) = {F(model.Schedule.NoiseScale(model.Timesteps.Add))}"),
            ("gdpo.source", source),
            ("gdpo.training", Summary(training)),
            ("gdpo.training_record", JsonSerializer.Serialize(training, Json)),
            ("gdpo.input_sizes", q == 1
                ? "Any height and width (8 or more per side is what the network was trained for)."
                : $"Height and width must be multiples of {q}: pad the frame by repeating its last row and column, then crop the output to floor(size * {scale})."),
            ("gdpo.output", "Not clipped: clamp to [0, 1] before converting to 8 bits."),
            ("gdpo.noise_input", noiseInput ? NoiseRecipe(p, q, scale.LatentChannels) : "None: this graph is the deterministic output (noise strength 0)."),
        };
    }

    public static string DocString(NoiseAwareOneStepModel model, TrainingRecord training) =>
        $"GdpoRealtime x{model.Scale} noise-aware one-step super-resolution ({model.Architecture.Channels} channels, " +
        $"{model.Architecture.ResidualBlocks} residual blocks, {model.Network.ParameterCount:N0} parameters; {Summary(training)}). " +
        "Input low_res [N, 3, H, W] in [0, 1]; output upscaled [N, 3, H*s, W*s], not clipped. See the gdpo.* metadata.";

    private static string NoiseRecipe(int p, int q, int channels) =>
        $"noise = strength * eps, shape [N, {channels}, H/{q}, W/{q}]: eps is a standard normal field on the latent grid, " +
        $"channel c = colour * {p * p} + row * {p} + column (pixel-unshuffle order: the value for output pixel " +
        $"(y * {p} + row, x * {p} + column) of that colour sits at [c, y, x]); strength in [0, 1], 0 (all zeros) being the " +
        "deterministic output and 1 the trained amount of generated detail. Make one field per output size and reuse it every " +
        "frame, so that nothing flickers. GdpoRealtime's own field, GaussianNoise.Window(seed, strength, channels, 0, 0, H/q, W/q) " +
        "(SplitMix64 of the seed and the position, then Box-Muller), makes the output equal to GdpoRealtime's upscaler for that seed.";

    private static string Summary(TrainingRecord training)
    {
        var parts = new List<string> { $"trained: {training.Stage}, {training.Steps:N0} steps" };
        if (training.CreatedUtc is { Length: > 0 } created) parts.Add($"created {created}");
        if (training.Parent is { Length: > 0 } parent) parts.Add($"from {parent}");
        if (training.Figures.Count > 0)
            parts.Add(string.Join(", ", training.Figures.Select(f => $"{f.Key} {f.Value.ToString("0.###", CultureInfo.InvariantCulture)}")));
        return string.Join("; ", parts);
    }
}
