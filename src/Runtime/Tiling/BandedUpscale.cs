using GdpoRealtime.Runtime.Imaging;

namespace GdpoRealtime.Runtime.Tiling;

/// <summary>
/// Upscales an 8-bit image tile by tile and hands over its output a band of whole rows at a time, top to bottom
/// (to a <see cref="PngFileWriter"/>, say): memory holds the input, one band and one tile's tensors, whatever the size.
/// </summary>
public static class BandedUpscale
{
    /// <param name="onBand">Receives each band of the output and, when <paramref name="withBicubic"/>, the bicubic upsampling of the same rows.</param>
    /// <param name="onTileDone">Receives the number of tiles done after each tile.</param>
    public static void Run(TiledImageInference inference, RgbImage image, TileLayout layout, Action<OutputBand, OutputBand?> onBand,
        bool withBicubic = false, Action<int>? onTileDone = null, CancellationToken cancel = default)
    {
        int bandRows = layout.CoreCells * layout.Scale.Numerator;
        var ours = new OutputBand(layout.OutputWidth, bandRows);
        var bicubic = withBicubic ? new OutputBand(layout.OutputWidth, bandRows) : null;
        int row = -1, done = 0;
        void Emit()
        {
            if (row >= 0) onBand(ours, bicubic);
        }
        inference.Run(new ImageTileSource(image), layout, result =>
        {
            var tile = result.Tile;
            if (tile.Row != row)
            {
                Emit();
                row = tile.Row;
                ours.Start(tile.Output.Top, tile.Output.Height);
                bicubic?.Start(tile.Output.Top, tile.Output.Height);
            }
            ours.Put(tile.Output, result.Upscaled);
            if (bicubic is not null) bicubic.Put(tile.Output, result.Bicubic!);
            onTileDone?.Invoke(++done);
        }, withBicubic, cancel);
        Emit();
    }

    /// <summary>Upscales <paramref name="image"/> into a PNG file written band by band; no partial file is left if anything fails.</summary>
    public static void ToPng(TiledImageInference inference, RgbImage image, TileLayout layout, string path,
        Action<int>? onTileDone = null, CancellationToken cancel = default)
    {
        using var png = new PngFileWriter(path, layout.OutputWidth, layout.OutputHeight);
        Run(inference, image, layout, (band, _) => png.WriteRows(band.Rows), onTileDone: onTileDone, cancel: cancel);
        png.Commit();
    }
}
