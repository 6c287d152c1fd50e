using GdpoRealtime.Runtime.Imaging;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Tiling;

/// <summary>Tiles of an 8-bit image: each region's bytes are copied out on their own, so no float copy of the image exists.</summary>
public sealed class ImageTileSource(RgbImage image) : ITileSource
{
    public int Width => image.Width;
    public int Height => image.Height;

    public unsafe Tensor Read(GridRegion region, Device device, ScalarType dataType)
    {
        using var scope = NewDisposeScope();
        // Written straight into a fresh tensor's storage: a tile leaves no managed array behind for the collector.
        var raw = empty(new long[] { region.Height, region.Width, 3 }, ScalarType.Byte, CPU);
        var bytes = new Span<byte>((byte*)raw.storage<byte>().data_ptr(), checked(region.Height * region.Width * 3));
        int inside = Math.Min(region.Right, image.Width) - region.Left;
        for (int row = 0; row < region.Height; row++)
        {
            // Rows and columns past the image repeat its last ones: the padding to q is edge replication.
            int y = Math.Min(region.Top + row, image.Height - 1);
            var target = bytes.Slice(row * region.Width * 3, region.Width * 3);
            image.Pixels.AsSpan((y * image.Width + region.Left) * 3, inside * 3).CopyTo(target);
            for (int x = inside; x < region.Width; x++) target.Slice((inside - 1) * 3, 3).CopyTo(target.Slice(x * 3, 3));
        }
        var planar = raw.permute(2, 0, 1).unsqueeze(0);
        return planar.to(ScalarType.Float32).div_(255.0).to(device).to(dataType).contiguous().MoveToOuterDisposeScope();
    }
}
