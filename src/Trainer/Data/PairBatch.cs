using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Data;

/// <summary>A batch of aligned low-res / high-res crops, [B, 3, h, w] and [B, 3, h s, w s] in [0, 1].</summary>
public sealed record PairBatch(Tensor LowRes, Tensor HighRes) : IDisposable
{
    /// <summary>Where the pair comes from (a file or frame name), for held-out pairs shown to people.</summary>
    public string? Name { get; init; }

    public long Count => LowRes.shape[0];

    public PairBatch To(Device device) => new(LowRes.to(device), HighRes.to(device)) { Name = Name };

    public void Dispose()
    {
        LowRes.Dispose();
        HighRes.Dispose();
    }
}
