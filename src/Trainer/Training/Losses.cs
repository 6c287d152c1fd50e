using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Training;

/// <summary>The weight-free reconstruction losses of stage 1.</summary>
public static class Losses
{
    /// <summary>Mean absolute error.</summary>
    public static Tensor L1(Tensor estimate, Tensor target) => (estimate - target).abs().mean();

    /// <summary>L1 between horizontal and vertical finite differences: sharp edges cost what they are worth.</summary>
    public static Tensor Gradient(Tensor estimate, Tensor target)
    {
        using var scope = NewDisposeScope();
        var (ex, ey) = Differences(estimate);
        var (tx, ty) = Differences(target);
        var loss = ((ex - tx).abs().mean() + (ey - ty).abs().mean()) * 0.5;
        return loss.MoveToOuterDisposeScope();
    }

    public static (Tensor X, Tensor Y) Differences(Tensor images)
    {
        long h = images.shape[2], w = images.shape[3];
        var dx = images.narrow(3, 1, w - 1) - images.narrow(3, 0, w - 1);
        var dy = images.narrow(2, 1, h - 1) - images.narrow(2, 0, h - 1);
        return (dx, dy);
    }
}
