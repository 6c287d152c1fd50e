using System.Globalization;
using System.Text;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Frames;

/// <summary>
/// The whole per-frame computation of a <see cref="FrameNetwork"/> (bytes in, network, bytes out) compiled once
/// into TorchScript, so that a frame is one call into libtorch instead of some forty: eager TorchSharp creates
/// a managed wrapper per tensor operation (about 13 KB of garbage a frame), the compiled function about 0.3 KB,
/// and libtorch's graph executor may fuse the element-wise work on CUDA. The source is generated from the
/// model's architecture and the frame sizes and mirrors the eager path operation for operation;
/// tests hold the two to identical bytes.
/// </summary>
internal sealed class FrameScript : IDisposable
{
    private readonly jit.CompilationUnit unit;
    private readonly List<Tensor> weights;
    private readonly Dictionary<(ChannelOrder In, ChannelOrder Out), object[]> arguments = new();

    public FrameScript(NoiseAwareOneStepModel model, Tensor? scaledNoise, Tensor input, Tensor output,
        FrameSize render, FrameSize display)
    {
        // Detached aliases share the parameters' storage but record no autograd graph (TorchScript here has no no_grad).
        var parameters = model.Network.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().DetachFromDisposeScope());
        var weightNames = WeightOrder(model.Architecture).ToList();
        weights = weightNames.Select(n => parameters[n]).ToList();
        Source = Generate(model, scaledNoise is not null, render, display, weightNames);
        unit = jit.compile(Source);
        foreach (var inOrder in new[] { ChannelOrder.Rgba, ChannelOrder.Bgra })
            foreach (var outOrder in new[] { ChannelOrder.Rgba, ChannelOrder.Bgra })
            {
                var argv = new List<object> { input, output, model.FoldedDiffBiases };
                if (scaledNoise is not null) argv.Add(scaledNoise);
                argv.AddRange(weights);
                arguments[(inOrder, outOrder)] = argv.ToArray();
            }
    }

    /// <summary>The generated TorchScript (for logs and tests).</summary>
    public string Source { get; }

    public void Run(ChannelOrder input, ChannelOrder output) =>
        unit.invoke(FunctionName(input, output), arguments[(input, output)]);

    public void Dispose()
    {
        unit.Dispose();
        foreach (var tensor in weights) tensor.Dispose();
    }

    private static string FunctionName(ChannelOrder input, ChannelOrder output) =>
        $"frame_{input.ToString().ToLowerInvariant()}_{output.ToString().ToLowerInvariant()}";

    private static IEnumerable<string> WeightOrder(ModelArchitecture architecture)
    {
        yield return "head.weight";
        yield return "head.bias";
        for (int i = 0; i < architecture.ResidualBlocks; i++)
        {
            yield return $"body.{i}.first.weight";
            yield return $"body.{i}.first.bias";
            yield return $"body.{i}.second.weight";
            yield return $"body.{i}.second.bias";
        }
        yield return "tail.weight";
        yield return "tail.bias";
    }

    private static string Generate(NoiseAwareOneStepModel model, bool noise, FrameSize render, FrameSize display, IReadOnlyList<string> weights)
    {
        var scale = model.Scale;
        int p = scale.Numerator, q = scale.Denominator;
        int padBottom = (q - render.Height % q) % q, padRight = (q - render.Width % q) % q;
        int paddedHeight = render.Height + padBottom, paddedWidth = render.Width + padRight;
        int upHeight = paddedHeight * p / q, upWidth = paddedWidth * p / q;
        int outHeight = scale.OutputSize(render.Height), outWidth = scale.OutputSize(render.Width);
        bool resize = outHeight != display.Height || outWidth != display.Width;
        bool shrink = outHeight >= display.Height && outWidth >= display.Width;
        // A bare compilation unit knows aten's operators but not torch's Python-level names (torch.float32,
        // torch.nn.functional.*): dtypes are written as their enum values and resampling as the aten operators
        // that interpolate and pad dispatch to.
        string dtype = ((int)model.DataType).ToString(CultureInfo.InvariantCulture);
        string uint8 = ((int)ScalarType.Byte).ToString(CultureInfo.InvariantCulture);
        string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var names = weights.Select(n => n.Replace('.', '_')).ToList();

        var s = new StringBuilder();
        foreach (var inOrder in new[] { ChannelOrder.Rgba, ChannelOrder.Bgra })
            foreach (var outOrder in new[] { ChannelOrder.Rgba, ChannelOrder.Bgra })
            {
                s.Append($"def {FunctionName(inOrder, outOrder)}(frame_in: Tensor, frame_out: Tensor, biases: Tensor");
                if (noise) s.Append(", noise: Tensor");
                foreach (var name in names) s.Append($", {name}: Tensor");
                s.AppendLine(") -> int:");
                s.AppendLine("    colour = frame_in.narrow(2, 0, 3)");
                if (inOrder == ChannelOrder.Bgra) s.AppendLine("    colour = colour.flip([2])");
                s.AppendLine($"    x = colour.permute([2, 0, 1]).unsqueeze(0).to({dtype}).div_(255.0)");
                if (padBottom + padRight > 0)
                    s.AppendLine($"    x = torch.replication_pad2d(x, [0, {padRight}, 0, {padBottom}])");
                s.AppendLine($"    up = torch.upsample_bicubic2d(x, [{upHeight}, {upWidth}], False)");
                s.AppendLine("    centred = up.mul(2.0).sub_(1.0)");
                s.AppendLine(p == 1 ? "    z = centred.clone()" : $"    z = torch.pixel_unshuffle(centred, {p})");
                s.AppendLine("    cond_centred = x.mul(2.0).sub_(1.0)");
                s.AppendLine(q == 1 ? "    cond = cond_centred.clone()" : $"    cond = torch.pixel_unshuffle(cond_centred, {q})");
                double signal = model.Schedule.SignalScale(model.Timesteps.Add), noiseScale = model.Schedule.NoiseScale(model.Timesteps.Add);
                s.AppendLine(noise
                    ? $"    noisy = z.mul({F(signal)}).add_(noise, alpha={F(noiseScale)})"
                    : $"    noisy = z.mul({F(signal)})");
                s.AppendLine($"    features = torch.conv2d(torch.cat([noisy, cond], 1), {names[0]}, {names[1]}, [1, 1], [1, 1])");
                s.AppendLine("    h = features");
                int blocks = (names.Count - 4) / 4;
                for (int i = 0; i < blocks; i++)
                {
                    int w = 2 + 4 * i;
                    s.AppendLine($"    a = torch.conv2d(h, {names[w]}, {names[w + 1]}, [1, 1], [1, 1])");
                    s.AppendLine($"    a = a.add_(biases[{i}]).relu_()");
                    s.AppendLine($"    h = torch.conv2d(a, {names[w + 2]}, {names[w + 3]}, [1, 1], [1, 1]).add(h)");
                }
                s.AppendLine($"    correction = torch.conv2d(h + features, {names[^2]}, {names[^1]}, [1, 1], [1, 1])");
                s.AppendLine("    latent = z.add_(correction)");
                s.AppendLine(p == 1 ? "    image = latent.clone()" : $"    image = torch.pixel_shuffle(latent, {p})");
                s.AppendLine("    image = image.add(1.0).mul_(0.5)");
                if (outHeight != upHeight || outWidth != upWidth)
                    s.AppendLine($"    image = image.narrow(2, 0, {outHeight}).narrow(3, 0, {outWidth})");
                if (resize)
                    s.AppendLine(shrink
                        ? $"    image = torch.adaptive_avg_pool2d(image, [{display.Height}, {display.Width}])"
                        : $"    image = torch.upsample_bicubic2d(image, [{display.Height}, {display.Width}], False)");
                s.AppendLine($"    pixels = image.clamp_(0.0, 1.0).mul_(255.0).round_().to({uint8})[0].permute([1, 2, 0])");
                if (outOrder == ChannelOrder.Bgra) s.AppendLine("    pixels = pixels.flip([2])");
                s.AppendLine("    frame_out.narrow(2, 0, 3).copy_(pixels)");
                s.AppendLine("    return 0");
                s.AppendLine();
            }
        return s.ToString();
    }
}
