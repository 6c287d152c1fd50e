using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Tiling;

internal static class TileSources
{
    /// <summary>Grows the part of a region that lies inside the image to the whole region by edge replication (the whole-image path's padding op).</summary>
    public static Tensor PadToRegion(Tensor inside, GridRegion region)
    {
        long padBottom = region.Height - inside.shape[2], padRight = region.Width - inside.shape[3];
        return padBottom + padRight == 0 ? inside.alias()
            : nn.functional.pad(inside, new[] { 0, padRight, 0, padBottom }, TorchSharp.PaddingModes.Replicate);
    }
}
