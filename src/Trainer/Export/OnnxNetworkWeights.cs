using GdpoRealtime.Runtime.Model;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Export;

/// <summary>
/// The network's weights rearranged for the ONNX graph, so that the graph needs no operator the model does not:
/// <list type="bullet">
/// <item>the head's input channels reordered from pixel-unshuffle order (colour, row, column) to ONNX SpaceToDepth's
/// (row, column, colour): SpaceToDepth has no other order, and reordering weights is free where a Transpose is not;</item>
/// <item>the t_diff embedding (a constant at inference) added to each block's first bias;</item>
/// <item>the tail halved: D(z + g) = (pixel_shuffle(z + g) + 1) / 2 = upsampled + pixel_shuffle(g) / 2, so the
/// graph adds DepthToSpace(tail) to the bicubic image directly (halving is exact in float).</item>
/// </list>
/// </summary>
internal sealed class OnnxNetworkWeights
{
    private OnnxNetworkWeights(ModelArchitecture architecture) => Architecture = architecture;

    public ModelArchitecture Architecture { get; }
    public required Tensor4 Head { get; init; }
    public required IReadOnlyList<(Tensor4 First, Tensor4 Second)> Blocks { get; init; }
    public required Tensor4 Tail { get; init; }

    /// <summary>A convolution's weight [out, in, kh, kw] and bias [out] as plain arrays.</summary>
    public sealed record Tensor4(long[] WeightShape, float[] Weight, float[] Bias);

    public static OnnxNetworkWeights Of(NoiseAwareOneStepModel model)
    {
        using var _ = no_grad();
        var architecture = model.Architecture;
        var scale = architecture.Scale;
        var parameters = model.Network.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var timestepBiases = Values(model.FoldedDiffBiases);
        int channels = architecture.Channels;

        var head = Convolution(parameters, "head");
        var order = SpaceToDepthOrder(scale.Numerator)
            .Concat(SpaceToDepthOrder(scale.Denominator).Select(c => scale.LatentChannels + c))
            .ToArray();
        head = head with { Weight = ReorderInputs(head.Weight, head.WeightShape, order) };

        var blocks = new List<(Tensor4, Tensor4)>();
        for (int i = 0; i < architecture.ResidualBlocks; i++)
        {
            var first = Convolution(parameters, $"body.{i}.first");
            var bias = first.Bias.Select((b, c) => b + timestepBiases[i * channels + c]).ToArray();
            blocks.Add((first with { Bias = bias }, Convolution(parameters, $"body.{i}.second")));
        }

        var tail = Convolution(parameters, "tail");
        tail = tail with { Weight = tail.Weight.Select(w => w * 0.5f).ToArray(), Bias = tail.Bias.Select(b => b * 0.5f).ToArray() };
        return new OnnxNetworkWeights(architecture) { Head = head, Blocks = blocks, Tail = tail };
    }

    /// <summary>
    /// For each channel of SpaceToDepth(x, fold) on a 3-colour x, the channel of pixel_unshuffle(x, fold) holding the
    /// same values: SpaceToDepth puts (row i, column j, colour c) at (i*fold + j)*3 + c, pixel_unshuffle at c*fold^2 + i*fold + j.
    /// </summary>
    public static int[] SpaceToDepthOrder(int fold)
    {
        var order = new int[3 * fold * fold];
        for (int i = 0; i < fold; i++)
            for (int j = 0; j < fold; j++)
                for (int c = 0; c < 3; c++)
                    order[(i * fold + j) * 3 + c] = c * fold * fold + i * fold + j;
        return order;
    }

    private static float[] ReorderInputs(float[] weight, long[] shape, int[] order)
    {
        int outputs = (int)shape[0], inputs = (int)shape[1], kernel = (int)(shape[2] * shape[3]);
        if (order.Length != inputs)
            throw new InvalidOperationException($"The head has {inputs} input channels, the fold order {order.Length}.");
        var reordered = new float[weight.Length];
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < inputs; i++)
                Array.Copy(weight, (o * inputs + order[i]) * kernel, reordered, (o * inputs + i) * kernel, kernel);
        return reordered;
    }

    private static Tensor4 Convolution(IReadOnlyDictionary<string, Tensor> parameters, string name) =>
        new(parameters[name + ".weight"].shape, Values(parameters[name + ".weight"]), Values(parameters[name + ".bias"]));

    private static float[] Values(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().to(CPU).to(ScalarType.Float32).contiguous().data<float>().ToArray();
    }
}
