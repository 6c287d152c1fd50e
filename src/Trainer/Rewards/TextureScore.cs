using GdpoRealtime.Trainer.Data;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Rewards;

/// <summary>
/// The texture term of the reward, computed without learned weights: how closely the local detail
/// statistics of an image's texture regions match those of the ground truth, in [0, 1] (1 = the ground
/// truth's own).
/// <para>
/// A pixel-aligned comparison (PSNR, GMS) rewards only the posterior mean, so GDPO with such a term is a
/// weaker copy of supervised training (FINDINGS.md). This term compares statistics instead: the energy of
/// three octave bands of the grey image (differences of Gaussian blurs with sigma 0, 0.7, 1.4, 2.8) in
/// 16x16 windows, stride 4. Blur lowers the finer bands' energy, noise raises the finest, ringing and
/// haloes raise the middle and coarse ones. Each energy is compared SSIM-style, (2ab + c) / (a^2 + b^2 + c),
/// which is 1 when they match whatever the phase of the detail, so a shifted or re-synthesised copy of a
/// texture scores close to the original while its PSNR collapses. The windows are small enough that detail
/// must still appear where the ground truth has it, and count by their share of texture pixels (the
/// ground truth's region split).
/// </para>
/// </summary>
public static class TextureScore
{
    public const int Window = 16;
    public const int Stride = 4;

    /// <summary>Gaussian sigmas whose successive differences are the octave bands (0 = the image itself).</summary>
    private static readonly double[] BandSigmas = { 0, 0.7, 1.4, 2.8 };

    /// <summary>Stabiliser of the energy comparison, in units of the [0, 1] grey scale: about one grey level.</summary>
    public const double EnergyConstant = 0.004 * 0.004;

    /// <summary>The smallest side an image may have (the coarsest blur reflects its borders).</summary>
    public const int MinimumSide = Window;

    /// <summary>The score of each image of [B, 3, H, W] against its ground truth, over the texture mask [B, 1, H, W]: [B].</summary>
    public static Tensor Compute(Tensor estimate, Tensor reference, Tensor textureMask)
    {
        CheckSize(estimate);
        using var scope = NewDisposeScope();
        var ours = BandEnergies(estimate);
        var theirs = BandEnergies(reference);
        Tensor similarity = ones_like(ours[0]);
        for (int band = 0; band < ours.Count; band++)
        {
            var a = ours[band];
            var b = theirs[band];
            similarity = similarity.mul(a.mul(b).mul(2).add(EnergyConstant).div(a.square().add(b.square()).add(EnergyConstant)));
        }
        return WeightedMean(similarity, textureMask).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Finest-band energy of the estimate over the ground truth's in texture regions: below 1 detail is
    /// missing (blur), above 1 there is too much (noise, ringing). [B]; 1 where there is no texture.
    /// </summary>
    public static Tensor DetailRatio(Tensor estimate, Tensor reference, Tensor textureMask)
    {
        CheckSize(estimate);
        using var scope = NewDisposeScope();
        var weights = Pool(textureMask.to(ScalarType.Float32));
        var ours = BandEnergies(estimate, bands: 1)[0].square().mul(weights).sum(new long[] { 1, 2, 3 });
        var theirs = BandEnergies(reference, bands: 1)[0].square().mul(weights).sum(new long[] { 1, 2, 3 });
        var ratio = ours.add(1e-12).div(theirs.add(1e-12)).sqrt();
        ratio = where(weights.sum(new long[] { 1, 2, 3 }).gt(1e-12), ratio, ones_like(ratio));
        return ratio.MoveToOuterDisposeScope();
    }

    /// <summary>Mean of per-window values weighted by the windows' texture share; 1 for images without texture.</summary>
    private static Tensor WeightedMean(Tensor perWindow, Tensor textureMask)
    {
        var weights = Pool(textureMask.to(ScalarType.Float32));
        var total = weights.sum(new long[] { 1, 2, 3 });
        var mean = perWindow.mul(weights).sum(new long[] { 1, 2, 3 }).div(total.clamp_min(1e-12));
        // An image without texture has nothing to judge: it scores as the ground truth does.
        return where(total.gt(1e-12), mean, ones_like(mean));
    }

    /// <summary>RMS energy of each octave band in each window: [B, 1, h, w] per band.</summary>
    private static List<Tensor> BandEnergies(Tensor images, int bands = 3)
    {
        var grey = RegionSplit.Grey(images.detach().to(ScalarType.Float32));
        var blurred = BandSigmas.Take(bands + 1).Select(sigma => sigma == 0 ? grey : Degradation.GaussianBlur(grey, sigma)).ToList();
        var energies = new List<Tensor>();
        for (int band = 0; band < bands; band++)
            energies.Add(Pool((blurred[band] - blurred[band + 1]).square()).sqrt());
        return energies;
    }

    private static Tensor Pool(Tensor values) => nn.functional.avg_pool2d(values, Window, Stride);

    private static void CheckSize(Tensor images)
    {
        if (images.shape[^1] < MinimumSide || images.shape[^2] < MinimumSide)
            throw new ArgumentException($"The texture score needs images of at least {MinimumSide}x{MinimumSide} pixels, got {images.shape[^1]}x{images.shape[^2]}.");
    }
}
