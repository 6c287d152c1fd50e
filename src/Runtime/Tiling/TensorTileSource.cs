using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Tiling;

/// <summary>Tiles of a low-res image already in a [1, 3, H, W] tensor in [0, 1] (tests, benchmarks, callers that hold one).</summary>
public sealed class TensorTileSource(Tensor lowRes) : ITileSource
{
    public int Width => (int)lowRes.shape[3];
    public int Height => (int)lowRes.shape[2];

    public Tensor Read(GridRegion region, Device device, ScalarType dataType)
    {
        using var scope = NewDisposeScope();
        var inside = lowRes.narrow(2, region.Top, Math.Min(region.Bottom, Height) - region.Top)
            .narrow(3, region.Left, Math.Min(region.Right, Width) - region.Left);
        return TileSources.PadToRegion(inside, region).to(device).to(dataType).contiguous().MoveToOuterDisposeScope();
    }
}
