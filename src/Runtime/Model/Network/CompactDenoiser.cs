using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Model.Network;

/// <summary>
/// f_theta in skip form: from the noisy latent and the folded clean low-res frame it predicts a
/// correction g to the upsampled latent. It runs on the latent grid (the low-res grid at integer scales).
/// The tail starts at zero, so an untrained network reproduces the upsampled frame exactly.
/// </summary>
public sealed class CompactDenoiser : nn.Module
{
    private readonly Conv2d head;
    private readonly ModuleList<ResidualBlock> body;
    private readonly Conv2d tail;
    private readonly Linear embedIn;
    private readonly Linear embedOut;
    private readonly int channels;
    private readonly int embeddingWidth;

    public CompactDenoiser(ModelArchitecture architecture) : base("compact_denoiser")
    {
        architecture.Validate();
        var scale = architecture.Scale;
        channels = architecture.Channels;
        embeddingWidth = architecture.TimestepEmbeddingWidth;
        head = nn.Conv2d(scale.LatentChannels + scale.ConditionChannels, channels, 3, padding: 1);
        body = new ModuleList<ResidualBlock>();
        for (int i = 0; i < architecture.ResidualBlocks; i++) body.Add(new ResidualBlock($"block{i}", channels));
        tail = nn.Conv2d(channels, scale.LatentChannels, 3, padding: 1);
        embedIn = nn.Linear(embeddingWidth, channels);
        embedOut = nn.Linear(channels, Math.Max(1, architecture.ResidualBlocks) * channels);
        RegisterComponents();
        using (no_grad())
        {
            tail.weight!.zero_();
            tail.bias!.zero_();
        }
    }

    /// <summary>
    /// The per-block biases that encode timestep t: [blocks, 1, C, 1, 1]. t_diff is constant at inference,
    /// so callers compute this once and reuse it (the timestep folded into biases).
    /// </summary>
    public Tensor TimestepBiases(int timestep)
    {
        var device = head.weight!.device;
        using var scope = NewDisposeScope();
        using var embedding = SinusoidalEmbedding.Of(timestep, embeddingWidth, device).to(head.weight!.dtype);
        var hidden = nn.functional.silu(embedIn.forward(embedding));
        var biases = embedOut.forward(hidden).reshape(-1, 1, channels, 1, 1);
        return biases.MoveToOuterDisposeScope();
    }

    /// <summary>The correction g to the upsampled latent.</summary>
    /// <param name="noisyLatent">[B, 3p^2, h, w]</param>
    /// <param name="condition">[B, 3q^2, h, w]: the clean low-res frame folded onto the grid.</param>
    /// <param name="timestepBiases">from <see cref="TimestepBiases"/>.</param>
    public Tensor Forward(Tensor noisyLatent, Tensor condition, Tensor timestepBiases)
    {
        using var scope = NewDisposeScope();
        var input = cat(new[] { noisyLatent, condition }, 1);
        var features = head.call(input);
        var x = features;
        for (int i = 0; i < body.Count; i++) x = body[i].Forward(x, timestepBiases[i]);
        var correction = tail.call(x + features);
        return correction.MoveToOuterDisposeScope();
    }

    public long ParameterCount => parameters().Sum(p => p.numel());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            head.Dispose();
            body.Dispose();
            tail.Dispose();
            embedIn.Dispose();
            embedOut.Dispose();
        }
        base.Dispose(disposing);
    }
}
