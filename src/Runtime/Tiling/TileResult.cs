using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Tiling;

/// <summary>
/// What one tile produced: the model's output for <see cref="Tile.Output"/> as [1, 3, h, w] (unclipped), and the bicubic
/// upsampling of the same pixels when asked for. The tensors live only during the callback that receives them.
/// </summary>
public readonly record struct TileResult(Tile Tile, Tensor Upscaled, Tensor? Bicubic);
