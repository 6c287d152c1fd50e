using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Rewards;

/// <summary>
/// The attribute-aware reward of METHOD.md section 3 for groups of G candidates per ground truth:
/// <code>
///   R_i = rho_s * norm_G(fidelity_i) + w * rho_d * norm_G(texture_i)
/// </code>
/// fidelity is the Y-channel PSNR (of the whole crop, or of its smooth regions: <see cref="FidelityRegion"/>), texture the <see cref="TextureScore"/> on the ground truth's texture
/// regions, rho_s and rho_d the smooth and texture pixel fractions of the ground truth, norm_G min-max
/// normalisation within the group and w the texture emphasis (above 1 favours texture regions).
/// </summary>
public sealed class AttributeReward(double textureWeight = AttributeReward.DefaultTextureWeight, FidelityRegion fidelityRegion = FidelityRegion.Whole)
{
    public FidelityRegion FidelityRegion { get; } = fidelityRegion;

    public const double DefaultTextureWeight = 2.0;
    private const double NormalisationEpsilon = 1e-8;

    public double TextureWeight { get; } = textureWeight >= 0 && double.IsFinite(textureWeight) ? textureWeight
        : throw new InvalidSettingException($"Texture weight {textureWeight} is not a finite non-negative number", "Use a value such as 2.");

    /// <summary>The split of a batch of ground truths, computed once and reused for every candidate of its group.</summary>
    public sealed record Regions(Tensor TextureMask, Tensor TextureFraction) : IDisposable
    {
        public static Regions Of(Tensor truth)
        {
            var mask = RegionSplit.TextureMask(truth);
            return new Regions(mask, RegionSplit.TextureFraction(mask));
        }

        public void Dispose()
        {
            TextureMask.Dispose();
            TextureFraction.Dispose();
        }
    }

    /// <summary>Every term of a scored batch of groups: [B, G] each, and the fractions [B]. All float64 on the CPU.</summary>
    public sealed record Scores(Tensor Reward, Tensor Fidelity, Tensor Texture, Tensor TextureFraction) : IDisposable
    {
        public void Dispose()
        {
            Reward.Dispose();
            Fidelity.Dispose();
            Texture.Dispose();
            TextureFraction.Dispose();
        }
    }

    /// <summary>
    /// Scores [B*G, 3, H, W] candidates (group-major: the G candidates of truth b are rows b*G .. b*G+G-1)
    /// against the [B, 3, H, W] ground truths.
    /// </summary>
    public Scores Score(Tensor candidates, Tensor truth, int groupSize, Regions? regions = null)
    {
        long batch = truth.shape[0];
        if (groupSize < 1 || candidates.shape[0] != batch * groupSize)
            throw new ArgumentException($"{candidates.shape[0]} candidates do not form groups of {groupSize} for {batch} ground truths.");
        using var scope = NewDisposeScope();
        var split = regions ?? Regions.Of(truth);
        var repeatedTruth = truth.repeat_interleave(groupSize, 0);
        var repeatedMask = split.TextureMask.repeat_interleave(groupSize, 0);
        var fidelity = (FidelityRegion == FidelityRegion.Smooth ? SmoothFidelity(candidates, repeatedTruth, repeatedMask) : Fidelity(candidates, repeatedTruth))
            .reshape(batch, groupSize);
        var texture = TextureScore.Compute(candidates, repeatedTruth, repeatedMask).to(ScalarType.Float64).cpu().reshape(batch, groupSize);
        var rhoTexture = split.TextureFraction.to(ScalarType.Float64).cpu().reshape(batch, 1);
        var reward = Combine(fidelity, texture, rhoTexture);
        var result = new Scores(reward, fidelity, texture, rhoTexture.reshape(batch));
        foreach (var t in new[] { result.Reward, result.Fidelity, result.Texture, result.TextureFraction }) t.MoveToOuterDisposeScope();
        if (regions is null) split.Dispose();
        return result;
    }

    /// <summary>R = rho_s norm(fidelity) + w rho_d norm(texture), [B, G] from [B, G] terms and [B, 1] texture fractions.</summary>
    public Tensor Combine(Tensor fidelity, Tensor texture, Tensor textureFraction)
    {
        using var scope = NewDisposeScope();
        var rhoTexture = textureFraction.to(ScalarType.Float64);
        var rhoSmooth = rhoTexture.neg().add(1.0);
        var reward = rhoSmooth.mul(NormaliseInGroup(fidelity)).add(rhoTexture.mul(NormaliseInGroup(texture)).mul(TextureWeight));
        return reward.MoveToOuterDisposeScope();
    }

    /// <summary>Y-channel PSNR of each candidate (8-bit rounded, as written to a file): [N] float64 on the CPU.</summary>
    public static Tensor Fidelity(Tensor candidates, Tensor truth)
    {
        using var scope = NewDisposeScope();
        var mse = ImageMetrics.MeanSquaredErrorY(candidates.detach(), truth).cpu().clamp_min(1e-10);
        return mse.reciprocal().mul(255.0 * 255.0).log10().mul(10.0).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Y-channel PSNR of each candidate over the ground truth's smooth pixels ([N, 1, H, W] texture mask), 8-bit
    /// rounded: [N] float64 on the CPU. A crop without smooth pixels scores the same for every candidate
    /// (its fidelity then normalises to zero, and rho_s is zero there anyway).
    /// </summary>
    public static Tensor SmoothFidelity(Tensor candidates, Tensor truth, Tensor textureMask)
    {
        using var scope = NewDisposeScope();
        var error = (ImageMetrics.Luma(ImageMetrics.Quantise(candidates.detach())) - ImageMetrics.Luma(ImageMetrics.Quantise(truth))).to(ScalarType.Float64).square();
        var smooth = textureMask.to(ScalarType.Float64).neg().add(1.0);
        var sums = new long[] { 1, 2, 3 };
        var mse = error.mul(smooth).sum(sums).div(smooth.sum(sums).clamp_min(1.0)).cpu().clamp_min(1e-10);
        return mse.reciprocal().mul(255.0 * 255.0).log10().mul(10.0).MoveToOuterDisposeScope();
    }

    /// <summary>Min-max normalisation along the group (last) dimension; a group of equal values gives zeros.</summary>
    public static Tensor NormaliseInGroup(Tensor values)
    {
        using var scope = NewDisposeScope();
        var low = values.amin(new long[] { -1 }, keepdim: true);
        var high = values.amax(new long[] { -1 }, keepdim: true);
        return values.sub(low).div(high.sub(low).add(NormalisationEpsilon)).MoveToOuterDisposeScope();
    }
}
