using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Runtime.Model;

/// <summary>
/// One fixed Gaussian noise field per seed, so that the injected noise does not change from frame to frame (no
/// flicker). Strength 0 gives the deterministic output. The field is defined on the whole latent grid by
/// position (<see cref="GaussianNoise"/>): a frame, or a tile of an image at any offset, takes its window of it,
/// and every device sees the same values for the same seed. Windows are cached per shape and offset.
/// </summary>
public sealed class NoiseField : IDisposable
{
    private readonly Dictionary<(string Shape, int Top, int Left, string Device, ScalarType Type), Tensor> cache = new();

    public NoiseField(long seed, double strength)
    {
        new NoiseSetting(seed, strength).Validated();
        Seed = seed;
        Strength = strength;
    }

    public long Seed { get; }
    public double Strength { get; }

    /// <summary>strength * eps for a latent shape [1, C, h, w] at the grid's origin, or null when the strength is 0.</summary>
    public Tensor? For(long[] latentShape, Device device, ScalarType dataType) => For(latentShape, 0, 0, device, dataType);

    /// <summary>strength * eps for the window of shape [1, C, h, w] whose first cell is (top, left) on the latent grid, or null when the strength is 0.</summary>
    public Tensor? For(long[] latentShape, int top, int left, Device device, ScalarType dataType)
    {
        if (Strength == 0) return null;
        CheckShape(latentShape);
        var key = (string.Join('x', latentShape), top, left, device.ToString(), dataType);
        if (!cache.TryGetValue(key, out var field))
        {
            var values = GaussianNoise.Window(Seed, Strength, (int)latentShape[1], top, left, (int)latentShape[2], (int)latentShape[3]);
            using var scope = NewDisposeScope();
            var host = HostTensors.From(values, latentShape);
            // Cached across calls: it must not belong to whatever dispose scope the caller has open.
            field = host.to(device).to(dataType).detach().DetachFromDisposeScope();
            cache[key] = field;
        }
        return field;
    }

    /// <summary>
    /// The same window as <see cref="For(long[], int, int, Device, ScalarType)"/>, made afresh and owned by the caller, or null
    /// when the strength is 0: for tiles, which each need their window once, so caching them would hold the whole field.
    /// </summary>
    public Tensor? Window(long[] latentShape, int top, int left, Device device, ScalarType dataType)
    {
        if (Strength == 0) return null;
        CheckShape(latentShape);
        using var scope = NewDisposeScope();
        var host = empty(latentShape, ScalarType.Float32, CPU);
        unsafe
        {
            // A fresh tensor's data starts at its storage's first element.
            GaussianNoise.Fill((float*)host.storage<float>().data_ptr(), host.numel(), Seed, Strength,
                (int)latentShape[1], top, left, (int)latentShape[2], (int)latentShape[3]);
        }
        return host.to(device).to(dataType).alias().MoveToOuterDisposeScope();
    }

    private static void CheckShape(long[] latentShape)
    {
        if (latentShape.Length != 4 || latentShape[0] != 1)
            throw new ArgumentException($"A noise field window is [1, C, h, w], not [{string.Join(", ", latentShape)}].", nameof(latentShape));
    }

    /// <summary>Drops the cached windows (a tiled image makes one per tile; a frame network keeps its one).</summary>
    public void Clear()
    {
        foreach (var tensor in cache.Values) tensor.Dispose();
        cache.Clear();
    }

    public void Dispose() => Clear();
}
