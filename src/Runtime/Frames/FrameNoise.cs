using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Model;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Frames;

/// <summary>
/// A whole-frame network's noise: the seed's window of eps (float32, on the model's device, made once per seed) and
/// strength * eps in the model's precision, the tensor the network reads. A new strength rescales the window in place
/// (no tensor is made, no window is regenerated); a new seed makes the seed's window again. Both keep their tensors,
/// so the compiled frame function's arguments stay valid.
/// </summary>
internal sealed class FrameNoise : IDisposable
{
    private readonly long[] shape;
    private readonly Tensor unit;
    private bool disposed;

    /// <param name="latentShape">[1, latent channels, rows, columns] of the padded frame.</param>
    public FrameNoise(NoiseSetting setting, long[] latentShape, Device device, ScalarType dataType)
    {
        setting = setting.Validated();
        shape = latentShape;
        unit = empty(latentShape, ScalarType.Float32, device).DetachFromDisposeScope();
        try
        {
            Scaled = empty(latentShape, dataType, device).DetachFromDisposeScope();
            MakeWindow(setting.Seed);
            Scale(setting.Strength);
            Setting = setting;
        }
        catch
        {
            unit.Dispose();
            Scaled?.Dispose();
            throw;
        }
    }

    /// <summary>strength * eps, [1, C, h, w] in the model's precision: what the network adds to the latent.</summary>
    public Tensor Scaled { get; }

    public NoiseSetting Setting { get; private set; }

    /// <summary>Windows of eps made so far (one at creation, one per seed change): strength changes make none.</summary>
    public int WindowsMade { get; private set; }

    /// <summary>Takes <paramref name="setting"/>: nothing when it is the current one, a rescale for a new strength, a new window for a new seed.</summary>
    public void Apply(NoiseSetting setting)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (setting == Setting) return;
        setting = setting.Validated();
        if (setting.Seed != Setting.Seed) MakeWindow(setting.Seed);
        Scale(setting.Strength);
        Setting = setting;
    }

    private void MakeWindow(long seed)
    {
        var values = GaussianNoise.Window(seed, 1.0, (int)shape[1], 0, 0, (int)shape[2], (int)shape[3]);
        using var host = HostTensors.From(values, shape);
        unit.copy_(host);
        WindowsMade++;
    }

    /// <summary>In float32 for float32 models: the values GaussianNoise gives for this strength, bit for bit.</summary>
    private void Scale(double strength)
    {
        using var _ = no_grad();
        Scaled.copy_(unit).mul_(strength);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        unit.Dispose();
        Scaled.Dispose();
    }
}
