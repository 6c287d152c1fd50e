using GdpoRealtime.Runtime.Model;

namespace GdpoRealtime.Runtime.Tiling;

/// <summary>
/// How far a tile must reach past its own cells, on the latent grid, for its output to equal the whole image's.
/// Two things look beyond a cell: the bicubic upsampling that makes the latent (each output pixel reads low-res
/// pixels floor(x) - 1 .. floor(x) + 2, so 2 low-res pixels past the cell's own, that is ceil(2 / q) grid cells),
/// and the network's 3x3 convolutions on the grid (one cell per convolution on the longest path: the head, two per
/// residual block, the tail). The bicubic cells are consumed first: the network must see correct latents for
/// its whole reach, so the two add up.
/// </summary>
public static class TileHalo
{
    /// <summary>Low-res pixels the bicubic kernel (a = -0.75, support radius 2) reads past a cell on either side.</summary>
    public const int BicubicReachPixels = 2;

    /// <summary>3x3 convolutions on the network's longest path: each widens the receptive field by one cell.</summary>
    public static int Convolutions(ModelArchitecture architecture) => 1 + 2 * architecture.ResidualBlocks + 1;

    /// <summary>Grid cells the bicubic upsampling reads past a cell: its reach in low-res pixels over q.</summary>
    public static int BicubicCells(ScaleFactor scale) => (BicubicReachPixels + scale.Denominator - 1) / scale.Denominator;

    /// <summary>The halo, in grid cells on each side: the network's receptive field plus the bicubic reach.</summary>
    public static int Cells(ModelArchitecture architecture) => Convolutions(architecture) + BicubicCells(architecture.Scale);
}
