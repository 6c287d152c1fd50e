using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;

namespace GdpoRealtime.Runtime.Tiling;

/// <summary>
/// Cuts an image into tiles on the model's latent grid (one cell per q x q low-res pixels, so every tile is aligned
/// to the scale's denominator). The image is first padded to a multiple of q, as the whole-image path pads it. Tiles
/// are square cores of <see cref="CoreCells"/> cells (the last of a row or column is smaller), in row-major order;
/// each computes from its core grown by the halo.
/// </summary>
public sealed class TileLayout
{
    /// <summary>The smallest tile side accepted, in low-res pixels: below it the halo's work outweighs the tile's own.</summary>
    public const int MinimumTileSide = 32;

    public TileLayout(int width, int height, ScaleFactor scale, int tileSide, int haloCells)
    {
        CheckTileSide(tileSide);
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}x{height} is empty.");
        if (haloCells < 0) throw new ArgumentOutOfRangeException(nameof(haloCells), "The halo cannot be negative.");
        int q = scale.Denominator;
        Width = width;
        Height = height;
        Scale = scale;
        HaloCells = haloCells;
        GridWidth = (width + q - 1) / q;
        GridHeight = (height + q - 1) / q;
        CoreCells = Math.Max(1, tileSide / q);
        OutputWidth = scale.OutputSize(width);
        OutputHeight = scale.OutputSize(height);
        var tiles = new List<Tile>();
        int row = 0;
        for (int top = 0; top < GridHeight; top += CoreCells, row++)
            for (int left = 0; left < GridWidth; left += CoreCells)
            {
                var core = new GridRegion(top, left, Math.Min(CoreCells, GridHeight - top), Math.Min(CoreCells, GridWidth - left));
                var output = core.Scale(scale.Numerator).Clip(OutputHeight, OutputWidth);
                if (output.Height <= 0 || output.Width <= 0) continue; // a padding-only cell produces no output pixel
                tiles.Add(new Tile(tiles.Count, row, core, core.Expand(haloCells, GridHeight, GridWidth), output));
            }
        Tiles = tiles;
        Rows = tiles.Count == 0 ? 0 : tiles[^1].Row + 1;
    }

    /// <summary>Low-res image size (before padding to q).</summary>
    public int Width { get; }
    public int Height { get; }
    public ScaleFactor Scale { get; }
    public int HaloCells { get; }
    public int GridWidth { get; }
    public int GridHeight { get; }
    public int CoreCells { get; }
    public int OutputWidth { get; }
    public int OutputHeight { get; }
    public IReadOnlyList<Tile> Tiles { get; }
    public int Rows { get; }

    /// <summary>Grid cells computed over all tiles divided by the grid's own: the work the halos add.</summary>
    public double Overhead =>
        Tiles.Sum(t => (double)t.Context.Height * t.Context.Width) / ((double)GridHeight * GridWidth);

    /// <summary>Throws an <see cref="InvalidSettingException"/> when a tile side cannot be used.</summary>
    public static void CheckTileSide(int tileSide)
    {
        if (tileSide < MinimumTileSide)
            throw new InvalidSettingException($"Tile side {tileSide} is below the minimum of {MinimumTileSide} pixels",
                $"Use a tile side of at least {MinimumTileSide}, or a side larger than the image to upscale it whole.");
    }
}
