using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Model;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Tiling;

/// <summary>
/// Upscales an image tile by tile so that memory depends on the tile size, not the image's: each tile reads its
/// context (core plus halo, see <see cref="TileHalo"/>) from an <see cref="ITileSource"/>, runs the model with the
/// noise field's window at the context's place on the latent grid, and hands the core's output to the caller.
/// The result equals the whole-image <see cref="Upscaling.ImageInference"/> up to float rounding.
/// </summary>
public sealed class TiledImageInference(NoiseAwareOneStepModel model, NoiseField noise)
{
    /// <summary>
    /// The default tile side in low-res pixels, measured with `gdpo-sr bench --tile` on a 2-core AMD EPYC (Zen 5) under
    /// KVM, CPU only, built-in x2 model (32 channels), other jobs sharing the machine (load 8-20). Medians, milliseconds:
    /// 1920x1080 input, whole image 10434 / 16416, tiles of 128: 4317 / 5626, 192: 5004 / 5714, 256: 5849 / 6030,
    /// 384: 6027 / 9744, 512: 11520 / 9822 (two sessions); 960x540, 7 runs: whole 3547, 128: 1086, 192: 942, 256: 1453,
    /// 384: 1449. A 192-pixel tile's activations (216 x 216 cells x 32 channels x 4 bytes = 6 MB) and its working set
    /// of a few of them stay in the 32 MB L3 while its halo adds 24% work; smaller tiles pay more halo, larger ones
    /// spill the cache like the whole image does.
    /// </summary>
    public const int DefaultTileSide = 192;

    /// <summary>
    /// How far the process may grow during a run before the C heap's free memory is handed back (<see cref="NativeHeap.Trim"/>):
    /// freed tile tensors otherwise pile up in the allocator's arenas, about one activation per tile.
    /// </summary>
    public const long HeapSlackBytes = 128L << 20;

    public NoiseAwareOneStepModel Model => model;

    public TileLayout LayoutFor(int width, int height, int tileSide = DefaultTileSide) =>
        new(width, height, model.Scale, tileSide, TileHalo.Cells(model.Architecture));

    /// <summary>
    /// Runs every tile of <paramref name="layout"/> in order (row by row). <paramref name="onTile"/> receives each tile and
    /// its output [1, 3, h, w] (the tile's <see cref="Tile.Output"/> region, unclipped values), valid only during the call.
    /// </summary>
    public void Run(ITileSource source, TileLayout layout, Action<Tile, Tensor> onTile, CancellationToken cancel = default) =>
        Run(source, layout, result => onTile(result.Tile, result.Upscaled), withBicubic: false, cancel);

    /// <summary>As the other overload, with the bicubic upsampling of each tile too when <paramref name="withBicubic"/> (for comparisons).</summary>
    public void Run(ITileSource source, TileLayout layout, Action<TileResult> onTile, bool withBicubic, CancellationToken cancel = default)
    {
        if (source.Width != layout.Width || source.Height != layout.Height)
            throw new ArgumentException($"The layout is for {layout.Width}x{layout.Height}, the source is {source.Width}x{source.Height}.", nameof(layout));
        using var _ = no_grad();
        int p = model.Scale.Numerator, q = model.Scale.Denominator;
        long trimAbove = Environment.WorkingSet + HeapSlackBytes;
        foreach (var tile in layout.Tiles)
        {
            cancel.ThrowIfCancellationRequested();
            using (var scope = NewDisposeScope()) RunTile(tile);
            // Trimming after every tile cost 15-20% in page faults on a 1920x1080 input; after some growth it costs nothing measurable.
            if (Environment.WorkingSet > trimAbove) NativeHeap.Trim();
        }

        void RunTile(Tile tile)
        {
            var context = tile.Context;
            var lowRes = source.Read(context.Scale(q), model.Device, model.DataType);
            var window = noise.Window(model.LatentShape(context.Height * q, context.Width * q), context.Top, context.Left, model.Device, model.DataType);
            var upscaled = model.Upscale(lowRes, window);
            Tensor Core(Tensor whole) => whole
                .narrow(2, tile.Output.Top - context.Top * p, tile.Output.Height)
                .narrow(3, tile.Output.Left - context.Left * p, tile.Output.Width);
            var bicubic = withBicubic ? Core(Resampling.Bicubic(lowRes, (int)upscaled.shape[2], (int)upscaled.shape[3])) : null;
            onTile(new TileResult(tile, Core(upscaled), bicubic));
        }
    }

    /// <summary>The whole output as one [1, 3, H*s, W*s] tensor, assembled from tiles (for tests and callers that want a tensor).</summary>
    public Tensor UpscaleToTensor(Tensor lowRes, int tileSide = DefaultTileSide)
    {
        var layout = LayoutFor((int)lowRes.shape[3], (int)lowRes.shape[2], tileSide);
        var result = empty(new long[] { 1, 3, layout.OutputHeight, layout.OutputWidth }, model.DataType, model.Device);
        Run(new TensorTileSource(lowRes), layout, (tile, output) =>
            result.narrow(2, tile.Output.Top, tile.Output.Height).narrow(3, tile.Output.Left, tile.Output.Width).copy_(output));
        return result;
    }
}
