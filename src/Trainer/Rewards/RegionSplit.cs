using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Trainer.Rewards;

/// <summary>
/// The smooth/texture split of METHOD.md section 3, computed on the ground truth: the grey image in [0, 1]
/// is cut into 10x10 patches; each patch is resized to 64x64 (bilinear), its 3x3 Sobel magnitude is
/// binned into a 512-bin histogram over [-5.5, 5.5], and the patch is texture when 100 times the Shannon
/// entropy of that histogram (in bits) exceeds 50. Rows and columns left over at the right and bottom
/// edges take the label of the nearest whole patch.
/// </summary>
public static class RegionSplit
{
    public const int PatchSize = 10;
    public const int ResizedPatch = 64;
    public const int Bins = 512;
    public const double HistogramLow = -5.5;
    public const double HistogramHigh = 5.5;
    public const double EntropyThreshold = 50;

    /// <summary>Patches processed together, bounding memory on whole frames (each patch holds 4096 samples).</summary>
    private const int PatchChunk = 2048;

    /// <summary>[B, 1, H, W]: 1 where the image of [B, 3, H, W] (in [0, 1]) is texture, 0 where smooth.</summary>
    public static Tensor TextureMask(Tensor images)
    {
        using var scope = NewDisposeScope();
        long batch = images.shape[0], height = images.shape[2], width = images.shape[3];
        var grey = Grey(images.detach().to(ScalarType.Float32));
        int patchRows = (int)Math.Max(1, height / PatchSize), patchColumns = (int)Math.Max(1, width / PatchSize);
        int patchHeight = (int)Math.Min(PatchSize, height), patchWidth = (int)Math.Min(PatchSize, width);
        var whole = grey.narrow(2, 0, patchRows * patchHeight).narrow(3, 0, patchColumns * patchWidth);
        var patches = whole.reshape(batch, patchRows, patchHeight, patchColumns, patchWidth)
            .permute(0, 1, 3, 2, 4).reshape(-1, 1, patchHeight, patchWidth);
        var labels = PatchEntropyBits(patches).mul(100.0).gt(EntropyThreshold).to(ScalarType.Float32)
            .reshape(batch, 1, patchRows, patchColumns);
        var mask = labels.repeat_interleave(patchHeight, 2).repeat_interleave(patchWidth, 3);
        long padBottom = height - mask.shape[2], padRight = width - mask.shape[3];
        if (padBottom > 0 || padRight > 0)
            mask = nn.functional.pad(mask, new long[] { 0, padRight, 0, padBottom }, TorchSharp.PaddingModes.Replicate);
        return mask.to(images.device).MoveToOuterDisposeScope();
    }

    /// <summary>The texture pixel fraction rho_d of each image: [B].</summary>
    public static Tensor TextureFraction(Tensor textureMask) => textureMask.mean(new long[] { 1, 2, 3 });

    /// <summary>Shannon entropy (bits) of the Sobel-magnitude histogram of each [N, 1, h, w] patch: [N].</summary>
    public static Tensor PatchEntropyBits(Tensor patches)
    {
        long count = patches.shape[0];
        var parts = new List<Tensor>();
        for (long start = 0; start < count; start += PatchChunk)
        {
            using var scope = NewDisposeScope();
            long length = Math.Min(PatchChunk, count - start);
            // Patches as the channels of one image: the resize and a grouped convolution then treat them all in one pass.
            var chunk = patches.narrow(0, start, length).reshape(1, length, patches.shape[2], patches.shape[3]);
            var resized = nn.functional.interpolate(chunk, size: new long[] { ResizedPatch, ResizedPatch },
                mode: InterpolationMode.Bilinear, align_corners: false);
            var magnitude = SobelMagnitude(resized).reshape(length, -1);
            // Magnitudes are >= 0, so they fill the upper half of the [-5.5, 5.5] histogram.
            var bins = magnitude.mul_(Bins / (HistogramHigh - HistogramLow)).add_(-HistogramLow * Bins / (HistogramHigh - HistogramLow))
                .floor_().clamp_(0, Bins - 1).to(ScalarType.Int64);
            var counts = zeros(new long[] { length, Bins }, device: chunk.device)
                .scatter_add_(1, bins, ones(new long[] { length, bins.shape[1] }, device: chunk.device));
            var p = counts.div_(bins.shape[1]);
            var entropy = p.mul(p.clamp_min(1e-30).log2()).sum(1).neg();
            parts.Add(entropy.MoveToOuterDisposeScope());
        }
        var result = cat(parts, 0);
        foreach (var part in parts) part.Dispose();
        return result;
    }

    /// <summary>
    /// 3x3 Sobel gradient magnitude of every channel of [B, C, H, W] grey images, with reflected borders
    /// (a flat patch gives exactly zero): [B, C, H, W].
    /// </summary>
    public static Tensor SobelMagnitude(Tensor grey)
    {
        using var scope = NewDisposeScope();
        long channels = grey.shape[1];
        var kx = HostTensors.From(new float[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 }, 1, 1, 3, 3).to(grey.device).to(grey.dtype);
        var kernels = cat(new[] { kx, kx.transpose(2, 3) }, 0).repeat(channels, 1, 1, 1);
        var padded = nn.functional.pad(grey, new long[] { 1, 1, 1, 1 }, TorchSharp.PaddingModes.Reflect);
        var gradients = nn.functional.conv2d(padded, kernels, groups: channels);
        var shape = gradients.shape;
        var magnitude = gradients.reshape(shape[0], channels, 2, shape[2], shape[3]).pow(2).sum(2).sqrt_();
        return magnitude.MoveToOuterDisposeScope();
    }

    /// <summary>Grey in [0, 1] (ITU-R BT.601 weights): [B, 1, H, W].</summary>
    public static Tensor Grey(Tensor rgb)
    {
        using var r = rgb.narrow(1, 0, 1);
        using var g = rgb.narrow(1, 1, 1);
        using var b = rgb.narrow(1, 2, 1);
        using var red = r * 0.299;
        using var green = g * 0.587;
        using var blue = b * 0.114;
        using var sum = red + green;
        return sum.add(blue).clamp_(0.0, 1.0); // add() makes a new tensor: the disposed ones stay behind

    }
}
