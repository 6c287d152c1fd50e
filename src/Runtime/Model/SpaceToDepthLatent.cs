using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Model;

/// <summary>
/// The free, invertible "latent" that replaces Stable Diffusion's VAE: E folds a frame of the output
/// size into a grid p times smaller with 3p^2 channels (pixel-unshuffle), mapped from [0, 1] to [-1, 1]
/// so the schedule's signal-to-noise ratios mean what they mean for SD latents; D is the exact inverse.
/// </summary>
public static class SpaceToDepthLatent
{
    /// <summary>E: [B, 3, pH, pW] image in [0, 1] to [B, 3p^2, H, W] latent in [-1, 1].</summary>
    public static Tensor Encode(Tensor image, int fold)
    {
        using var centred = image.mul(2.0).sub_(1.0);
        return fold == 1 ? centred.clone() : nn.functional.pixel_unshuffle(centred, fold);
    }

    /// <summary>D: the inverse of <see cref="Encode"/>. Not clipped.</summary>
    public static Tensor Decode(Tensor latent, int fold)
    {
        using var image = fold == 1 ? latent.clone() : nn.functional.pixel_shuffle(latent, fold);
        return image.add(1.0).mul_(0.5);
    }

    /// <summary>Folds the clean low-res frame onto the latent grid (q = 1 leaves it as it is, in [-1, 1]).</summary>
    public static Tensor Condition(Tensor lowRes, int fold) => Encode(lowRes, fold);
}
