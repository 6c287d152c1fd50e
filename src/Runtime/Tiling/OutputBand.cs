using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Tiling;

/// <summary>
/// The 8-bit output rows of one row of tiles: tiles are quantised into it as they finish (clamped to [0, 1] and
/// rounded, as <see cref="Imaging.ImageTensors.ToImage"/> does), and once the row is complete its rows can be written
/// out. One band is reused for the whole image, so memory holds a band, never the image.
/// </summary>
public sealed class OutputBand(int width, int maxHeight)
{
    private readonly byte[] pixels = new byte[checked((long)width * maxHeight * 3)];

    public int Width { get; } = width;
    public int Top { get; private set; }
    public int Height { get; private set; }

    /// <summary>RGB rows top to bottom, <see cref="Width"/> x 3 bytes each.</summary>
    public ReadOnlySpan<byte> Rows => pixels.AsSpan(0, Height * Width * 3);

    public ReadOnlySpan<byte> Row(int y) => pixels.AsSpan(y * Width * 3, Width * 3);

    /// <summary>Starts a new band of output rows [top, top + height).</summary>
    public void Start(int top, int height)
    {
        if (height < 1 || (long)height * Width * 3 > pixels.Length)
            throw new ArgumentOutOfRangeException(nameof(height), $"A band of {height} rows does not fit the {pixels.Length / (Width * 3)} allotted.");
        Top = top;
        Height = height;
    }

    /// <summary>Quantises <paramref name="values"/> ([1, 3, h, w] floats) into the band at <paramref name="region"/> (output pixels).</summary>
    public unsafe void Put(GridRegion region, Tensor values)
    {
        if (region.Top < Top || region.Bottom > Top + Height || region.Left < 0 || region.Right > Width)
            throw new ArgumentOutOfRangeException(nameof(region), $"Region {region} is outside the band of rows {Top}..{Top + Height}.");
        using var scope = NewDisposeScope();
        var bytes = values[0].detach().to(CPU).to(ScalarType.Float32).clamp(0.0, 1.0).mul(255.0).round()
            .to(ScalarType.Byte).permute(1, 2, 0).contiguous();
        // Read in place from the fresh tensor's storage: a tile leaves no managed array behind for the collector.
        var source = new ReadOnlySpan<byte>((byte*)bytes.storage<byte>().data_ptr(), checked(region.Height * region.Width * 3));
        int rowBytes = region.Width * 3;
        for (int row = 0; row < region.Height; row++)
            source.Slice(row * rowBytes, rowBytes).CopyTo(pixels.AsSpan(((region.Top - Top + row) * Width + region.Left) * 3));
    }
}
