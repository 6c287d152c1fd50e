using System.Buffers.Binary;

namespace GdpoRealtime.Runtime.Imaging.Decoding;

/// <summary>
/// Checks a BMP's headers against its length before decoding: header sizes, the colour table, and the pixel rows
/// (offset + rows x stride) inside the file. StbImageSharp reads zeros past the end of a file, so a BMP cut short
/// decodes to an image whose missing rows are black, as if whole.
/// </summary>
internal static class BmpStructure
{
    private const int FileHeaderLength = 14;
    private const int BitFieldMasksLength = 12;

    /// <summary>What StbImageSharp reads: 12 (OS/2 1.x), 40 (Windows 3), 56 (Adobe), 108 (v4) and 124 (v5).</summary>
    private static readonly int[] ReadHeaderSizes = { 12, 40, 56, 108, 124 };

    /// <summary>Defined by some writer but not read: 16 and 64 (OS/2 2.x), 52 (Adobe without alpha).</summary>
    private static readonly int[] OtherHeaderSizes = { 16, 52, 64 };

    public static DeclaredSize Check(ReadOnlySpan<byte> file)
    {
        if (file.Length < FileHeaderLength + 4)
            throw ImageDefect.Truncated($"it ends at byte {file.Length} inside its {(file.Length < FileHeaderLength ? "14-byte file header" : "info header")}");
        long pixelsAt = BinaryPrimitives.ReadUInt32LittleEndian(file[10..]);
        long headerSize = BinaryPrimitives.ReadUInt32LittleEndian(file[14..]);
        if (OtherHeaderSizes.Contains((int)Math.Min(headerSize, int.MaxValue)))
            throw ImageDefect.Unsupported($"its {headerSize}-byte info header is a BMP variant this decoder does not read");
        if (!ReadHeaderSizes.Contains((int)Math.Min(headerSize, int.MaxValue)))
            throw ImageDefect.Corrupt($"its info header declares {headerSize} bytes, which is none of the BMP header sizes");
        if (file.Length < FileHeaderLength + headerSize)
            throw ImageDefect.Truncated($"it ends at byte {file.Length} inside its {headerSize}-byte info header");

        var info = file[FileHeaderLength..];
        bool os2 = headerSize == 12;
        long width = os2 ? BinaryPrimitives.ReadUInt16LittleEndian(info[4..]) : BinaryPrimitives.ReadInt32LittleEndian(info[4..]);
        long height = os2 ? BinaryPrimitives.ReadUInt16LittleEndian(info[6..]) : BinaryPrimitives.ReadInt32LittleEndian(info[8..]);
        int planes = BinaryPrimitives.ReadUInt16LittleEndian(info[(os2 ? 8 : 12)..]);
        int bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(info[(os2 ? 10 : 14)..]);
        uint compression = os2 ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(info[16..]);

        if (planes != 1)
            throw ImageDefect.Corrupt($"it declares {planes} colour planes where a BMP has 1");
        switch (compression)
        {
            case 1 or 2:
                CheckRunLengthData(file, pixelsAt, Math.Abs(height), fourBit: compression == 2);
                throw ImageDefect.Unsupported($"it is run-length encoded (RLE{(compression == 1 ? 8 : 4)})", "Re-save it as an uncompressed BMP or as PNG.");
            case 4 or 5:
                throw ImageDefect.Unsupported($"it wraps a {(compression == 4 ? "JPEG" : "PNG")} stream", $"Save the image as a plain {(compression == 4 ? "JPEG" : "PNG")} file.");
            case 6:
                throw ImageDefect.Unsupported("it uses compression 6 (alpha bit fields)", "Re-save it as a 24- or 32-bit BMP or as PNG.");
            case > 6:
                throw ImageDefect.Corrupt($"it declares compression method {compression}, which BMP does not define");
        }
        if (bitsPerPixel is not (1 or 4 or 8 or 16 or 24 or 32))
            throw ImageDefect.Corrupt($"it declares {bitsPerPixel} bits per pixel where BMP uses 1, 4, 8, 16, 24 or 32");
        if (compression == 3 && bitsPerPixel is not (16 or 32))
            throw ImageDefect.Corrupt($"it declares bit-field masks for {bitsPerPixel}-bit pixels, which only 16 and 32 bits have");
        if (width <= 0 || height == 0)
            throw ImageDefect.Corrupt($"it declares a {width}x{height} size");
        height = Math.Abs(height); // negative: rows stored top to bottom
        ImageDefect.CheckSize(width, height);

        long headerEnd = FileHeaderLength + headerSize + (headerSize is 40 or 56 && compression == 3 ? BitFieldMasksLength : 0);
        if (file.Length < headerEnd)
            throw ImageDefect.Truncated($"it ends at byte {file.Length} inside the colour masks after its info header");
        if (pixelsAt < headerEnd)
            throw ImageDefect.Corrupt($"it puts its pixel data at byte {pixelsAt}, inside its {headerEnd}-byte header");
        if (pixelsAt >= file.Length)
            throw ImageDefect.Truncated($"it ends at byte {file.Length}, before its pixel data at byte {pixelsAt}");
        CheckColourTable(bitsPerPixel, pixelsAt, headerEnd, os2);

        long rowBytes = (width * bitsPerPixel + 7) / 8, stride = (rowBytes + 3) / 4 * 4;
        long needed = pixelsAt + (height - 1) * stride + rowBytes; // the last row's padding may be left out
        if (needed > file.Length)
            throw ImageDefect.Truncated($"it ends at byte {file.Length} inside its pixel data, which needs {height} rows of {rowBytes} bytes from byte {pixelsAt}, up to byte {needed}");
        return new DeclaredSize((int)width, (int)height);
    }

    /// <summary>
    /// Walks RLE8 or RLE4 records to the end-of-bitmap mark, so that a cut file is called truncated rather than
    /// only unsupported: (count, value) runs, then escapes after a zero: end of line, end of bitmap, a move by
    /// (dx, dy), or a literal run of count values padded to an even length.
    /// </summary>
    private static void CheckRunLengthData(ReadOnlySpan<byte> file, long pixelsAt, long height, bool fourBit)
    {
        if (pixelsAt >= file.Length)
            throw ImageDefect.Truncated($"it ends at byte {file.Length}, before its pixel data at byte {pixelsAt}");
        long at = pixelsAt, rows = 0;
        while (at + 2 <= file.Length)
        {
            int count = file[(int)at], escape = file[(int)at + 1];
            at += 2;
            if (count > 0) continue;
            if (escape == 0) rows++;
            else if (escape == 1) return;
            else if (escape == 2) { at += 2; rows += at <= file.Length ? file[(int)at - 1] : 0; }
            else
            {
                long bytes = fourBit ? (escape + 1) / 2 : escape;
                at += bytes + (bytes & 1);
            }
        }
        if (rows < height || at > file.Length)
            throw ImageDefect.Truncated($"it ends at byte {file.Length} inside its run-length-encoded pixel data, before the end-of-bitmap mark");
    }

    private static void CheckColourTable(int bitsPerPixel, long pixelsAt, long headerEnd, bool os2)
    {
        long gap = pixelsAt - headerEnd;
        if (bitsPerPixel <= 8)
        {
            if (os2) // StbImageSharp counts this table 4 entries short and would paint those colours black
                throw ImageDefect.Unsupported("it is an OS/2 1.x BMP with a colour table, which this decoder misreads");
            long entries = gap / 4;
            if (entries == 0)
                throw ImageDefect.Corrupt($"it has no colour table, which {bitsPerPixel}-bit pixels need");
            if (entries > 256)
                throw ImageDefect.Corrupt($"it puts its pixel data at byte {pixelsAt}, leaving room for {entries} colour-table entries where at most 256 are used");
        }
        else if (gap > 1024) // the decoder skips at most 1 KB between the headers and the pixels
        {
            throw ImageDefect.Unsupported($"its pixel data starts {gap} bytes after its headers, more than the 1024 this decoder skips");
        }
    }
}
