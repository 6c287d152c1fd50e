using GdpoRealtime.Runtime.Errors;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Model;

/// <summary>
/// One fixed Gaussian noise field per latent shape, drawn from a seed, so that the injected noise does
/// not change from frame to frame (no flicker). Strength 0 gives the deterministic output. Fields are
/// drawn on the CPU so every device sees the same field for the same seed; they are cached per shape.
/// </summary>
public sealed class NoiseField : IDisposable
{
    private readonly Dictionary<(string Shape, string Device, ScalarType Type), Tensor> cache = new();

    public NoiseField(long seed, double strength)
    {
        if (!(strength >= 0 && strength <= 1))
            throw new InvalidSettingException($"Noise strength {strength} is outside [0, 1]",
                "Use 0 for a deterministic output, 1 for the full trained noise, or a value between.");
        Seed = seed;
        Strength = strength;
    }

    public long Seed { get; }
    public double Strength { get; }

    /// <summary>strength * eps for the shape, or null when the strength is 0.</summary>
    public Tensor? For(long[] latentShape, Device device, ScalarType dataType)
    {
        if (Strength == 0) return null;
        var key = (string.Join('x', latentShape), device.ToString(), dataType);
        if (!cache.TryGetValue(key, out var field))
        {
            using var generator = new Generator(unchecked((ulong)Seed));
            using var eps = randn(latentShape, dtype: ScalarType.Float32, generator: generator);
            using var scaled = eps.mul(Strength);
            // Cached across calls: it must not belong to whatever dispose scope the caller has open.
            field = scaled.to(device).to(dataType).detach().DetachFromDisposeScope();
            cache[key] = field;
        }
        return field;
    }

    public void Dispose()
    {
        foreach (var tensor in cache.Values) tensor.Dispose();
        cache.Clear();
    }
}
