using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Trainer.Training.Gdpo;

/// <summary>
/// The GDPO objective of METHOD.md section 2, as the reference code computes it:
/// <code>
///   A_i    = (R_i - mean(R)) / (std_unbiased(R) + 1e-8)                 (detached; 0 for a group of equal rewards)
///   inside = -0.5 * omega * sum_i A_i * (m_i - r_i)
///   loss   = -log sigmoid(inside)                                        (averaged over the inputs of a batch)
/// </code>
/// m_i and r_i are the policy's and the frozen reference's mean squared noise-prediction errors on the
/// re-noised candidate i. At step 0 (policy = reference) inside = 0 and the loss is ln 2, yet its gradient
/// is 0.25 * omega * sum_i A_i dm_i/dtheta.
/// </summary>
public static class GdpoObjective
{
    public const double AdvantageEpsilon = 1e-8;

    /// <summary>Group-relative advantages of [B, G] rewards (float64, no gradient).</summary>
    public static Tensor Advantages(Tensor rewards)
    {
        if (rewards.dim() != 2 || rewards.shape[1] < 2)
            throw new ArgumentException("Advantages need [B, G] rewards with G >= 2 (the unbiased standard deviation of one sample is undefined).");
        using var scope = NewDisposeScope();
        var r = rewards.detach().to(ScalarType.Float64);
        var centred = r - r.mean(new long[] { 1 }, keepdim: true);
        var spread = r.std(1, unbiased: true, keepdim: true);
        var advantages = centred.div(spread.add(AdvantageEpsilon));
        // The reference code divides by zero here; a group whose rewards are all equal carries no preference.
        var flat = r.amax(new long[] { 1 }, keepdim: true).eq(r.amin(new long[] { 1 }, keepdim: true));
        return where(flat, zeros_like(advantages), advantages).MoveToOuterDisposeScope();
    }

    /// <summary>inside = -0.5 omega sum_i A_i (m_i - r_i) for [B, G] errors and advantages: [B].</summary>
    public static Tensor Inside(Tensor policyErrors, Tensor referenceErrors, Tensor advantages, double omega)
    {
        using var scope = NewDisposeScope();
        var a = advantages.to(policyErrors.dtype).to(policyErrors.device);
        var difference = policyErrors - referenceErrors.detach();
        return a.mul(difference).sum(1).mul(-0.5 * omega).MoveToOuterDisposeScope();
    }

    /// <summary>The batch loss mean_b(-log sigmoid(inside_b)).</summary>
    public static Tensor Loss(Tensor inside) => nn.functional.logsigmoid(inside).neg().mean();

    /// <summary>The null control: each group's advantages permuted at random, so they no longer follow the rewards.</summary>
    public static Tensor ShuffleWithinGroups(Tensor advantages, TrainingRandom random)
    {
        long batch = advantages.shape[0], group = advantages.shape[1];
        var order = new long[batch * group];
        for (long b = 0; b < batch; b++)
        {
            var permutation = Enumerable.Range(0, (int)group).Select(i => (long)i).ToArray();
            for (int i = permutation.Length - 1; i > 0; i--) // Fisher-Yates, from the trainer's own stream
            {
                int j = random.Next(i + 1);
                (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
            }
            for (long i = 0; i < group; i++) order[b * group + i] = b * group + permutation[i];
        }
        using var index = HostTensors.From(order).to(advantages.device);
        using var flat = advantages.reshape(-1);
        using var shuffled = flat.index_select(0, index);
        return shuffled.reshape(batch, group);
    }

    /// <summary>Mean over all but the first dimension of (prediction - target)^2: [N].</summary>
    public static Tensor PerSampleSquaredError(Tensor prediction, Tensor target)
    {
        using var difference = prediction - target;
        using var squared = difference.square();
        return squared.reshape(squared.shape[0], -1).mean(new long[] { 1 });
    }
}
