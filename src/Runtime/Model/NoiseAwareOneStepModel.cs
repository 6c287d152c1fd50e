using GdpoRealtime.Runtime.Model.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Model;

/// <summary>
/// The noise-aware one-step super-resolution model (NAOSD) of METHOD.md section 1, in the skip form of
/// FINDINGS.md. With z = E(upsampled low-res frame):
/// <code>
///   z~   = sqrt(abar[t_add]) z + sqrt(1 - abar[t_add]) eps
///   g    = f_theta(z~, c, t_diff)                                   (a correction to z)
///   eps^ = (z~ - sqrt(abar[t_diff]) (z + g)) / sqrt(1 - abar[t_diff])
///   z_SR = (z~ - sqrt(1 - abar[t_diff]) eps^) / sqrt(abar[t_diff]) = z + g
///   SR   = D(z_SR)
/// </code>
/// All image tensors are [B, 3, H, W] in [0, 1]; latents are [B, 3p^2, H/q, W/q] in about [-1, 1].
/// </summary>
public sealed class NoiseAwareOneStepModel : IDisposable
{
    private Tensor? foldedDiffBiases;

    public NoiseAwareOneStepModel(ModelArchitecture architecture, DiffusionSchedule? schedule = null, Timesteps? timesteps = null)
    {
        architecture.Validate();
        Architecture = architecture;
        Schedule = schedule ?? DiffusionSchedule.StableDiffusion;
        Timesteps = timesteps ?? Model.Timesteps.Default;
        Timesteps.Validate(Schedule);
        Network = new CompactDenoiser(architecture);
    }

    public ModelArchitecture Architecture { get; }
    public DiffusionSchedule Schedule { get; }
    public Timesteps Timesteps { get; }
    public CompactDenoiser Network { get; }
    public ScaleFactor Scale => Architecture.Scale;

    public Device Device => Network.parameters().First().device;
    public ScalarType DataType => Network.parameters().First().dtype;

    /// <summary>Moves the network; the folded timestep biases follow.</summary>
    public NoiseAwareOneStepModel To(Device device, ScalarType dataType = ScalarType.Float32)
    {
        Network.to(device).to(dataType);
        InvalidateFoldedTimestep();
        return this;
    }

    /// <summary>Must be called after the weights change outside training (a load, an optimizer step before inference).</summary>
    public void InvalidateFoldedTimestep()
    {
        foldedDiffBiases?.Dispose();
        foldedDiffBiases = null;
    }

    /// <summary>The t_diff embedding folded into per-block biases, computed once for inference.</summary>
    public Tensor FoldedDiffBiases
    {
        get
        {
            if (foldedDiffBiases is null)
            {
                using var _ = no_grad();
                // Cached across calls: it must not belong to whatever dispose scope the caller has open.
                foldedDiffBiases = Network.TimestepBiases(Timesteps.Diff).detach().DetachFromDisposeScope();
            }
            return foldedDiffBiases;
        }
    }

    /// <summary>z: the latent of the bicubic-upsampled low-res frame.</summary>
    public Tensor UpsampledLatent(Tensor lowRes)
    {
        var (height, width) = OutputSize(lowRes);
        using var upsampled = Resampling.Bicubic(lowRes, height, width);
        return SpaceToDepthLatent.Encode(upsampled, Scale.Numerator);
    }

    /// <summary>c: the clean low-res frame folded onto the latent grid.</summary>
    public Tensor Condition(Tensor lowRes) => SpaceToDepthLatent.Condition(lowRes, Scale.Denominator);

    /// <summary>q(z_t | z_0): sqrt(abar_t) z + sqrt(1 - abar_t) noise.</summary>
    public Tensor AddNoise(Tensor latent, Tensor noise, int timestep) =>
        latent.mul(Schedule.SignalScale(timestep)).add_(noise, alpha: Schedule.NoiseScale(timestep));

    /// <summary>x0 recovery from a noise prediction at timestep t: (z_t - sqrt(1 - abar_t) eps^) / sqrt(abar_t). Not clipped.</summary>
    public Tensor RecoverLatent(Tensor noisyLatent, Tensor predictedNoise, int timestep) =>
        (noisyLatent - predictedNoise * Schedule.NoiseScale(timestep)).div_(Schedule.SignalScale(timestep));

    /// <summary>eps^ = f_theta(z~, t, c) in the skip form; differentiable.</summary>
    public Tensor PredictNoise(Tensor noisyLatent, Tensor upsampledLatent, Tensor condition, Tensor timestepBiases, int timestep)
    {
        using var correction = Network.Forward(noisyLatent, condition, timestepBiases);
        using var clean = upsampledLatent + correction;
        using var scaledClean = clean * Schedule.SignalScale(timestep);
        return (noisyLatent - scaledClean).div_(Schedule.NoiseScale(timestep));
    }

    /// <summary>
    /// One-step generation on the latent grid: returns z_SR = z + g. <paramref name="noise"/> is eps already
    /// scaled by the noise strength (zeros or null for the deterministic output). Differentiable when the
    /// biases are (pass <c>Network.TimestepBiases(t_diff)</c> in training, <see cref="FoldedDiffBiases"/> otherwise).
    /// </summary>
    public Tensor GenerateLatent(Tensor lowRes, Tensor? noise, Tensor timestepBiases)
    {
        using var scope = NewDisposeScope();
        var z = UpsampledLatent(lowRes);
        var noisy = noise is null ? z.mul(Schedule.SignalScale(Timesteps.Add)) : AddNoise(z, noise, Timesteps.Add);
        var condition = Condition(lowRes);
        var correction = Network.Forward(noisy, condition, timestepBiases);
        return z.add_(correction).MoveToOuterDisposeScope();
    }

    /// <summary>SR = D(z_SR), not clipped. For inference: no gradients, folded timestep.</summary>
    public Tensor Upscale(Tensor lowRes, Tensor? noise)
    {
        using var _ = no_grad();
        using var latent = GenerateLatent(lowRes, noise, FoldedDiffBiases);
        return SpaceToDepthLatent.Decode(latent, Scale.Numerator);
    }

    /// <summary>Every weight of the network as float32 on the host, in state-dict order (what a checkpoint stores).</summary>
    public IEnumerable<(string Name, long[] Shape, float[] Values)> ExportWeights()
    {
        foreach (var (name, parameter) in Network.state_dict())
        {
            long[] shape;
            float[] values;
            using (NewDisposeScope())
            {
                var cpu = parameter.detach().to(CPU).to(ScalarType.Float32).contiguous();
                (shape, values) = (cpu.shape, cpu.data<float>().ToArray());
            }
            yield return (name, shape, values);
        }
    }

    public (int Height, int Width) OutputSize(Tensor lowRes)
    {
        var scale = Scale;
        long h = lowRes.shape[^2], w = lowRes.shape[^1];
        if (h % scale.Denominator != 0 || w % scale.Denominator != 0)
            throw new ArgumentException($"Low-res size {w}x{h} is not a multiple of {scale.Denominator} (scale {scale}).");
        return (checked((int)(h * scale.Numerator / scale.Denominator)), checked((int)(w * scale.Numerator / scale.Denominator)));
    }

    /// <summary>Latent grid shape [1, 3p^2, H/q, W/q] for a low-res size.</summary>
    public long[] LatentShape(int lowResHeight, int lowResWidth) =>
        new long[] { 1, Scale.LatentChannels, lowResHeight / Scale.Denominator, lowResWidth / Scale.Denominator };

    public void Dispose()
    {
        InvalidateFoldedTimestep();
        Network.Dispose();
    }
}
