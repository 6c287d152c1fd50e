using TorchSharp;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Training.Pretraining;

/// <summary>
/// A small conditional PatchGAN, trained from scratch (no downloaded weights): it sees an image together
/// with the bicubic upsampling of its low-res frame, and scores each patch real or generated. Being
/// conditioned, it asks for detail that is plausible for that input, not just detail.
/// Four spectrally normalised convolutions, LeakyReLU 0.2, two stride-2 steps (patches of about 16 pixels).
/// </summary>
public sealed class PatchDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly SpectralConv2d first;
    private readonly SpectralConv2d second;
    private readonly SpectralConv2d third;
    private readonly SpectralConv2d last;

    public PatchDiscriminator(int channels, Generator generator) : base("patch_discriminator")
    {
        first = new SpectralConv2d("first", 6, channels, 3, 1, 1, generator);
        second = new SpectralConv2d("second", channels, channels * 2, 4, 2, 1, generator);
        third = new SpectralConv2d("third", channels * 2, channels * 2, 4, 2, 1, generator);
        last = new SpectralConv2d("last", channels * 2, 1, 3, 1, 1, generator);
        RegisterComponents();
    }

    /// <summary>Patch logits [B, 1, H/4, W/4] for images [B, 3, H, W] and their bicubic-upsampled inputs.</summary>
    public override Tensor forward(Tensor image, Tensor upsampled)
    {
        using var scope = NewDisposeScope();
        var x = cat(new[] { image.mul(2).sub(1), upsampled.mul(2).sub(1) }, 1);
        x = nn.functional.leaky_relu(first.call(x), 0.2);
        x = nn.functional.leaky_relu(second.call(x), 0.2);
        x = nn.functional.leaky_relu(third.call(x), 0.2);
        return last.call(x).MoveToOuterDisposeScope();
    }

    public long ParameterCount => parameters().Sum(p => p.numel());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            first.Dispose();
            second.Dispose();
            third.Dispose();
            last.Dispose();
        }
        base.Dispose(disposing);
    }
}
