using System.Buffers.Binary;
using GdpoRealtime.Runtime.Imaging;

namespace GdpoRealtime.Tests.Runtime.Imaging.Decoding;

/// <summary>
/// Writers for the TGA and BMP variants StbImageWriteSharp does not make (it writes run-length true-colour TGA
/// and 24-bit BMP only): uncompressed and colour-mapped TGA, 8-bit, run-length and bit-field BMP. A few lines
/// each, laid out as the format documents.
/// </summary>
public static class HandMadeImageFiles
{
    /// <summary>An indexed picture: 64 colours in blocks of 4x4 pixels.</summary>
    public sealed record Indexed(int Width, int Height, byte[] Indices, byte[] PaletteRgb)
    {
        public static Indexed Blocks(int width, int height)
        {
            var indices = new byte[width * height];
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    indices[y * width + x] = (byte)((x / 4 + y / 4 * 10) % 64);
            var palette = new byte[64 * 3];
            for (int i = 0; i < 64; i++) (palette[3 * i], palette[3 * i + 1], palette[3 * i + 2]) = ((byte)(i * 4), (byte)(255 - i * 4), (byte)(i * 37));
            return new Indexed(width, height, indices, palette);
        }

        public int Colours => PaletteRgb.Length / 3;
    }

    public static byte[] TgaUncompressed(RgbImage image)
    {
        var file = new List<byte>(TgaHeader(imageType: 2, image.Width, image.Height, bitsPerPixel: 24));
        for (int i = 0; i < image.Pixels.Length; i += 3) file.AddRange(new[] { image.Pixels[i + 2], image.Pixels[i + 1], image.Pixels[i] });
        return file.ToArray();
    }

    public static byte[] TgaColourMapped(Indexed picture, bool runLength)
    {
        var header = TgaHeader(imageType: runLength ? (byte)9 : (byte)1, picture.Width, picture.Height, bitsPerPixel: 8);
        header[1] = 1; // a colour map follows the header
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(5), (ushort)picture.Colours);
        header[7] = 24;
        var file = new List<byte>(header);
        for (int i = 0; i < picture.Colours; i++) file.AddRange(new[] { picture.PaletteRgb[3 * i + 2], picture.PaletteRgb[3 * i + 1], picture.PaletteRgb[3 * i] });
        file.AddRange(runLength ? TgaPackets(picture.Indices) : picture.Indices);
        return file.ToArray();
    }

    /// <summary>Runs of a repeated index as repeat packets, everything else as raw packets; packets may cross rows.</summary>
    private static IEnumerable<byte> TgaPackets(byte[] indices)
    {
        var packets = new List<byte>();
        int i = 0;
        while (i < indices.Length)
        {
            int run = 1;
            while (i + run < indices.Length && run < 128 && indices[i + run] == indices[i]) run++;
            if (run >= 2)
            {
                packets.Add((byte)(0x80 | (run - 1)));
                packets.Add(indices[i]);
                i += run;
                continue;
            }
            int raw = 1;
            while (i + raw < indices.Length && raw < 128 && !(i + raw + 1 < indices.Length && indices[i + raw] == indices[i + raw + 1])) raw++;
            packets.Add((byte)(raw - 1));
            packets.AddRange(indices.AsSpan(i, raw).ToArray());
            i += raw;
        }
        return packets;
    }

    private static byte[] TgaHeader(byte imageType, int width, int height, byte bitsPerPixel)
    {
        var header = new byte[18];
        header[2] = imageType;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), (ushort)height);
        header[16] = bitsPerPixel;
        header[17] = 0x20; // rows top to bottom
        return header;
    }

    public static byte[] Bmp8(Indexed picture) => Bmp(picture, compression: 0, Rows8(picture));

    public static byte[] BmpRle8(Indexed picture) => Bmp(picture, compression: 1, Rle8(picture));

    /// <summary>32-bit BGRA with a v4 (108-byte) header and explicit masks (compression 3, bit fields).</summary>
    public static byte[] Bmp32BitFields(RgbImage image)
    {
        const int headerSize = 108;
        var info = new byte[headerSize];
        BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(0), headerSize);
        BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(4), image.Width);
        BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(8), -image.Height); // top-down
        BinaryPrimitives.WriteUInt16LittleEndian(info.AsSpan(12), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(info.AsSpan(14), 32);
        BinaryPrimitives.WriteUInt32LittleEndian(info.AsSpan(16), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(info.AsSpan(40), 0x00FF0000);
        BinaryPrimitives.WriteUInt32LittleEndian(info.AsSpan(44), 0x0000FF00);
        BinaryPrimitives.WriteUInt32LittleEndian(info.AsSpan(48), 0x000000FF);
        BinaryPrimitives.WriteUInt32LittleEndian(info.AsSpan(52), 0xFF000000);
        "sRGB"u8.CopyTo(info.AsSpan(56));
        var pixels = new List<byte>();
        for (int i = 0; i < image.Pixels.Length; i += 3) pixels.AddRange(new byte[] { image.Pixels[i + 2], image.Pixels[i + 1], image.Pixels[i], 255 });
        return BmpFile(info, Array.Empty<byte>(), pixels.ToArray());
    }

    private static byte[] Bmp(Indexed picture, int compression, byte[] pixels)
    {
        var info = new byte[40];
        BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(0), 40);
        BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(4), picture.Width);
        BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(8), picture.Height); // bottom-up
        BinaryPrimitives.WriteUInt16LittleEndian(info.AsSpan(12), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(info.AsSpan(14), 8);
        BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(16), compression);
        BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(20), pixels.Length);
        BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(32), picture.Colours);
        var palette = new byte[picture.Colours * 4];
        for (int i = 0; i < picture.Colours; i++)
            (palette[4 * i], palette[4 * i + 1], palette[4 * i + 2]) = (picture.PaletteRgb[3 * i + 2], picture.PaletteRgb[3 * i + 1], picture.PaletteRgb[3 * i]);
        return BmpFile(info, palette, pixels);
    }

    private static byte[] BmpFile(byte[] info, byte[] palette, byte[] pixels)
    {
        int offset = 14 + info.Length + palette.Length;
        var file = new byte[offset + pixels.Length];
        "BM"u8.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), offset);
        info.CopyTo(file, 14);
        palette.CopyTo(file, 14 + info.Length);
        pixels.CopyTo(file, offset);
        return file;
    }

    private static byte[] Rows8(Indexed picture)
    {
        int stride = (picture.Width + 3) / 4 * 4;
        var rows = new byte[stride * picture.Height];
        for (int y = 0; y < picture.Height; y++)
            picture.Indices.AsSpan((picture.Height - 1 - y) * picture.Width, picture.Width).CopyTo(rows.AsSpan(y * stride));
        return rows;
    }

    /// <summary>Encoded mode only: (count, index) runs, an end-of-line after each row, an end-of-bitmap at the end.</summary>
    private static byte[] Rle8(Indexed picture)
    {
        var data = new List<byte>();
        for (int y = picture.Height - 1; y >= 0; y--)
        {
            var row = picture.Indices.AsSpan(y * picture.Width, picture.Width);
            for (int x = 0; x < row.Length;)
            {
                int run = 1;
                while (x + run < row.Length && run < 255 && row[x + run] == row[x]) run++;
                data.Add((byte)run);
                data.Add(row[x]);
                x += run;
            }
            data.AddRange(new byte[] { 0, 0 });
        }
        data[^1] = 1; // the last end-of-line becomes end-of-bitmap
        return data.ToArray();
    }
}
