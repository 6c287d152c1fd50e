using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Training.Pretraining;

/// <summary>
/// A convolution whose weight is divided by its largest singular value (spectral normalisation, Miyato et
/// al. 2018), estimated with one power iteration per training forward pass, so the discriminator stays
/// 1-Lipschitz per layer and the adversarial game stays stable. Hand-written: TorchSharp has no
/// spectral_norm. The power-iteration vector is a buffer, so it is saved and restored with the weights.
/// </summary>
public sealed class SpectralConv2d : nn.Module<Tensor, Tensor>
{
    private readonly long stride;
    private readonly long padding;

    public SpectralConv2d(string name, long inputs, long outputs, long kernel, long stride, long padding, Generator generator) : base(name)
    {
        this.stride = stride;
        this.padding = padding;
        using var conv = nn.Conv2d(inputs, outputs, kernel, stride: stride, padding: padding);
        register_parameter("weight", new Parameter(conv.weight!.detach().clone()));
        register_parameter("bias", new Parameter(conv.bias!.detach().clone()));
        using var start = randn(new long[] { outputs }, generator: generator);
        register_buffer("u", nn.functional.normalize(start, dim: 0));
    }

    public override Tensor forward(Tensor input)
    {
        // Looked up by name: moving the module to a device replaces the registered tensors.
        var weight = get_parameter("weight")!;
        var bias = get_parameter("bias")!;
        var u = get_buffer("u")!;
        using var scope = NewDisposeScope();
        var matrix = weight.reshape(weight.shape[0], -1);
        if (training)
        {
            using var _ = no_grad();
            var v = nn.functional.normalize(matrix.t().mv(u), dim: 0);
            u.copy_(nn.functional.normalize(matrix.mv(v), dim: 0));
        }
        // Cloned: the next forward pass updates u in place, which must not change this pass's graph.
        var uNow = u.detach().clone();
        var vNow = nn.functional.normalize(matrix.t().mv(uNow).detach(), dim: 0);
        var sigma = uNow.dot(matrix.mv(vNow));
        var normalised = weight.div(sigma);
        return nn.functional.conv2d(input, normalised, bias, strides: new[] { stride, stride }, padding: new[] { padding, padding })
            .MoveToOuterDisposeScope();
    }
}
