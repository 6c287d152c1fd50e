namespace GdpoRealtime.Runtime.Tiling;

/// <summary>
/// One tile of a <see cref="TileLayout"/>. <see cref="Core"/> is the grid cells it produces; <see cref="Context"/>
/// the cells it computes from (the core grown by the halo, clipped to the grid); <see cref="Output"/> the output
/// pixels it delivers (the core times p, clipped to the output size). <see cref="Row"/> counts tile rows: every
/// tile of a row covers the same output rows, so a row of tiles completes a band of output rows.
/// </summary>
public readonly record struct Tile(int Index, int Row, GridRegion Core, GridRegion Context, GridRegion Output);
