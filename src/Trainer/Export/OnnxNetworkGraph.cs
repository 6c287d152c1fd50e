using GdpoRealtime.Runtime.Model;
using Onnx;
using static GdpoRealtime.Trainer.Export.OnnxGraphWriter;

namespace GdpoRealtime.Trainer.Export;

/// <summary>
/// The model's <see cref="NoiseAwareOneStepModel.Upscale"/> as ONNX operators, for a scale p/q:
/// <code>
///   up     = Resize(low_res, cubic a = -0.75, half_pixel, scale p/q)            bicubic as libtorch does it
///   noisy  = SpaceToDepth(sqrt(abar_add) (2 up - 1) + sqrt(1 - abar_add) DepthToSpace_CRD(noise), p)
///   cond   = SpaceToDepth(2 low_res - 1, q)                                     (q = 1: no fold)
///   h      = Conv(Concat(noisy, cond))          then per block: h = Conv(Relu(Conv(h) + bias_t)) + h
///   out    = up + DepthToSpace_CRD(Conv_tail(h + features) / 2, p)              = D(z + g), unclipped
/// </code>
/// The noise is folded in image space (DepthToSpace CRD is exactly pixel_shuffle, the inverse of the latent's fold)
/// and the latent is folded by SpaceToDepth, whose channel order the head's weights absorb (<see cref="OnnxNetworkWeights"/>).
/// Every size stays dynamic: Resize takes a scale, not a size, and no operator needs a shape.
/// </summary>
internal static class OnnxNetworkGraph
{
    public const string LowResInput = "low_res";
    public const string NoiseInput = "noise";
    public const string Output = "upscaled";

    /// <summary>The operator types a graph may hold, for checks and documentation.</summary>
    public static IReadOnlyList<string> OperatorTypes { get; } =
        new[] { "Resize", "Mul", "Sub", "Add", "DepthToSpace", "SpaceToDepth", "Concat", "Conv", "Relu" };

    public static GraphProto Build(NoiseAwareOneStepModel model, OnnxNetworkWeights weights, bool noiseInput, string name)
    {
        var scale = model.Scale;
        int p = scale.Numerator, q = scale.Denominator;
        var g = new OnnxGraphWriter();
        g.Graph.Name = name;

        string gridHeight = q == 1 ? "height" : $"height/{q}", gridWidth = q == 1 ? "width" : $"width/{q}";
        g.Input(LowResInput, q == 1
                ? "The low-resolution frame, RGB in [0, 1] (display-encoded, as rendered), NCHW."
                : $"The low-resolution frame, RGB in [0, 1] (display-encoded, as rendered), NCHW; height and width multiples of {q} (pad by edge replication, crop the output).",
            "batch", 3, "height", "width");
        if (noiseInput)
            g.Input(NoiseInput, $"strength * eps on the latent grid, [batch, {scale.LatentChannels}, height/{q}, width/{q}] in pixel-unshuffle " +
                                $"channel order (colour * {p * p} + row * {p} + column); zeros give the deterministic output. See metadata gdpo.noise_input.",
                "batch", scale.LatentChannels, gridHeight, gridWidth);

        string two = g.Scalar("two", 2f), one = g.Scalar("one", 1f);
        string scales = g.Constant("resize_scales", new long[] { 4 }, new[] { 1f, 1f, (float)scale.Value, (float)scale.Value });
        string up = g.Node("Resize", "upsampled", new[] { LowResInput, "", scales },
            Text("mode", "cubic"), Text("coordinate_transformation_mode", "half_pixel"),
            Float("cubic_coeff_a", -0.75f), Int("exclude_outside", 0));

        // z~ = sqrt(abar_add) E(up) + sqrt(1 - abar_add) eps, with the same operations in the same order as the model.
        string centred = g.Node("Sub", "centred", new[] { g.Node("Mul", "upsampled_x2", new[] { up, two }), one });
        string signal = g.Node("Mul", "signal", new[] { centred, g.Scalar("signal_scale", (float)model.Schedule.SignalScale(model.Timesteps.Add)) });
        string noisyImage = signal;
        if (noiseInput)
        {
            string noiseImage = g.Node("DepthToSpace", "noise_image", new[] { NoiseInput }, Int("blocksize", p), Text("mode", "CRD"));
            string scaledNoise = g.Node("Mul", "scaled_noise", new[] { noiseImage, g.Scalar("noise_scale", (float)model.Schedule.NoiseScale(model.Timesteps.Add)) });
            noisyImage = g.Node("Add", "noisy_image", new[] { signal, scaledNoise });
        }
        string noisy = g.Node("SpaceToDepth", "noisy_latent", new[] { noisyImage }, Int("blocksize", p));

        string condition = g.Node("Sub", "condition_image", new[] { g.Node("Mul", "low_res_x2", new[] { LowResInput, two }), one });
        if (q > 1) condition = g.Node("SpaceToDepth", "condition", new[] { condition }, Int("blocksize", q));

        string input = g.Node("Concat", "head_input", new[] { noisy, condition }, Int("axis", 1));
        string features = Convolution(g, "head", input, weights.Head);
        string h = features;
        for (int i = 0; i < weights.Blocks.Count; i++)
        {
            var (first, second) = weights.Blocks[i];
            string a = g.Node("Relu", $"block{i}_relu", new[] { Convolution(g, $"block{i}_first", h, first) });
            h = g.Node("Add", $"block{i}", new[] { Convolution(g, $"block{i}_second", a, second), h });
        }
        string halfCorrection = Convolution(g, "tail", g.Node("Add", "tail_input", new[] { h, features }), weights.Tail);
        string correction = g.Node("DepthToSpace", "correction_image", new[] { halfCorrection }, Int("blocksize", p), Text("mode", "CRD"));
        g.Node("Add", Output, new[] { up, correction });
        g.Output(Output, $"The upscaled frame, [batch, 3, height*{scale}, width*{scale}], RGB, not clipped: clamp to [0, 1] before storing it.",
            "batch", 3, $"height*{scale}", $"width*{scale}");
        return g.Graph;
    }

    private static string Convolution(OnnxGraphWriter g, string name, string input, OnnxNetworkWeights.Tensor4 conv)
    {
        string weight = g.Constant(name + "_weight", conv.WeightShape, conv.Weight);
        string bias = g.Constant(name + "_bias", new long[] { conv.Bias.Length }, conv.Bias);
        return g.Node("Conv", name, new[] { input, weight, bias },
            Ints("kernel_shape", conv.WeightShape[2], conv.WeightShape[3]),
            Ints("pads", conv.WeightShape[2] / 2, conv.WeightShape[3] / 2, conv.WeightShape[2] / 2, conv.WeightShape[3] / 2),
            Ints("strides", 1, 1), Ints("dilations", 1, 1), Int("group", 1));
    }
}
