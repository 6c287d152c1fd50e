using GdpoRealtime.Trainer.Data;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Support;

/// <summary>Controlled changes of a ground truth: what a texture term must tell apart.</summary>
public static class Degraded
{
    public static Tensor Blurred(Tensor image, double sigma) => Degradation.GaussianBlur(image, sigma);

    public static Tensor WithNoise(Tensor image, double sigma, long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var noise = randn(image.shape, generator: generator).mul_(sigma);
        return (image + noise).clamp_(0.0, 1.0);
    }

    /// <summary>Haloes around edges, as an over-sharpening or a sinc-like resampler leaves them.</summary>
    public static Tensor WithRinging(Tensor image, double amount = 1.0)
    {
        using var fine = Degradation.GaussianBlur(image, 1.0);
        using var coarse = Degradation.GaussianBlur(image, 3.0);
        using var halo = (fine - coarse).mul_(amount);
        return (image + halo).clamp_(0.0, 1.0);
    }

    /// <summary>The image moved by (dy, dx) pixels, wrapping around.</summary>
    public static Tensor Shifted(Tensor image, int dy, int dx) => image.roll(new long[] { dy, dx }, new long[] { 2, 3 });

    /// <summary>
    /// The texture re-synthesised from itself: every block x block tile is copied from a randomly displaced
    /// place (up to maxOffset pixels away), as a generative model might produce plausible detail that is
    /// not the ground truth's pixel for pixel.
    /// </summary>
    public static Tensor Resynthesised(Tensor image, int block = 8, int maxOffset = 4, int seed = 5)
    {
        var random = new Random(seed);
        var result = image.clone();
        long height = image.shape[2], width = image.shape[3];
        for (int y = 0; y + block <= height; y += block)
            for (int x = 0; x + block <= width; x += block)
            {
                int sy = Math.Clamp(y + random.Next(-maxOffset, maxOffset + 1), 0, (int)height - block);
                int sx = Math.Clamp(x + random.Next(-maxOffset, maxOffset + 1), 0, (int)width - block);
                using var source = image[.., .., TensorIndex.Slice(sy, sy + block), TensorIndex.Slice(sx, sx + block)];
                result[.., .., TensorIndex.Slice(y, y + block), TensorIndex.Slice(x, x + block)] = source;
            }
        return result;
    }
}
