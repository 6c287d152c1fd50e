namespace GdpoRealtime.Trainer.Rewards;

/// <summary>Where the reward's fidelity term (Y-channel PSNR) is measured.</summary>
public enum FidelityRegion
{
    /// <summary>Over the whole crop, as the paper does.</summary>
    Whole,

    /// <summary>
    /// Over the ground truth's smooth regions only: each region is then judged by its own attribute's term
    /// (fidelity where detail is damage, the texture term where it is wanted), so candidates that spill
    /// detail into flat areas lose reward even in texture-rich crops, where whole-crop PSNR is dominated by
    /// the texture's own error.
    /// </summary>
    Smooth,
}
