using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Tiling;

/// <summary>
/// Where a tiled upscale reads its low-res pixels, one region at a time, so that the whole image never has to be
/// a float tensor. A region may reach past the bottom and right edges by less than q pixels (the padding to the
/// scale's denominator): those pixels repeat the last row and column, as the whole-image path pads.
/// </summary>
public interface ITileSource
{
    int Width { get; }
    int Height { get; }

    /// <summary>The region (low-res pixels) as [1, 3, h, w] in [0, 1], on <paramref name="device"/> at <paramref name="dataType"/>.</summary>
    Tensor Read(GridRegion region, Device device, ScalarType dataType);
}
