using GdpoRealtime.Runtime.Upscaling;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Tiling;

/// <summary>Tiles of an engine frame held as [H, W, 4] bytes (RGBA or BGRA) on the model's device, converted a region at a time.</summary>
public sealed class FrameTileSource(Tensor frame, ChannelOrder order) : ITileSource
{
    public int Width => (int)frame.shape[1];
    public int Height => (int)frame.shape[0];

    public Tensor Read(GridRegion region, Device device, ScalarType dataType)
    {
        using var scope = NewDisposeScope();
        var colour = frame.narrow(0, region.Top, Math.Min(region.Bottom, Height) - region.Top)
            .narrow(1, region.Left, Math.Min(region.Right, Width) - region.Left).narrow(2, 0, 3);
        if (order == ChannelOrder.Bgra) colour = colour.flip(2);
        // The same conversion as the whole-frame path, so a tile's pixels are the frame's to the bit.
        var planar = colour.permute(2, 0, 1).unsqueeze(0).to(dataType).div_(255.0);
        return TileSources.PadToRegion(planar, region).to(device).contiguous().MoveToOuterDisposeScope();
    }
}
