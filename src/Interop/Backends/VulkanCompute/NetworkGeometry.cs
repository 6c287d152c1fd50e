using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>
/// Where a frame of a given render size lands on the network's grids, exactly as the host pipeline computes it: the
/// frame padded to a multiple of q (edges replicated), the latent grid of padded / q cells, the model's output of
/// render * p / q pixels, and whether it is resampled to the display size (area when shrinking in both directions,
/// bicubic otherwise).
/// </summary>
internal readonly record struct NetworkGeometry(FrameSize Render, FrameSize Padded, FrameSize Grid, FrameSize ModelOutput, FrameSize Display)
{
    public static NetworkGeometry For(ScaleFactor scale, FrameSize render, FrameSize display)
    {
        int q = scale.Denominator;
        var padded = new FrameSize(RoundUp(render.Width, q), RoundUp(render.Height, q));
        var grid = new FrameSize(padded.Width / q, padded.Height / q);
        var output = new FrameSize(scale.OutputSize(render.Width), scale.OutputSize(render.Height));
        return new NetworkGeometry(render, padded, grid, output, display);
    }

    public bool Resamples => ModelOutput != Display;

    public bool Shrinks => ModelOutput.Width >= Display.Width && ModelOutput.Height >= Display.Height;

    /// <summary>Texels of one activation plane for this grid with its one-cell border.</summary>
    public long PlaneTexels => (long)(Grid.Width + 2) * (Grid.Height + 2);

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
