using System.Buffers.Binary;

namespace GdpoRealtime.Runtime.Imaging.Decoding;

/// <summary>
/// Checks a TGA's header, colour map and pixel data against its length before decoding, walking run-length
/// packets up to the pixel count. StbImageSharp reads zeros past the end of a file, so a TGA cut short decodes
/// to an image whose missing pixels are black, as if whole.
/// </summary>
internal static class TgaStructure
{
    private const int HeaderLength = 18;

    public static DeclaredSize Check(ReadOnlySpan<byte> file)
    {
        if (file.Length < HeaderLength)
            throw ImageDefect.Truncated($"it ends at byte {file.Length} inside its {HeaderLength}-byte header");
        int idLength = file[0], mapType = file[1], imageType = file[2];
        int mapStart = BinaryPrimitives.ReadUInt16LittleEndian(file[3..]), mapLength = BinaryPrimitives.ReadUInt16LittleEndian(file[5..]);
        int mapBits = file[7];
        int width = BinaryPrimitives.ReadUInt16LittleEndian(file[12..]), height = BinaryPrimitives.ReadUInt16LittleEndian(file[14..]);
        int bitsPerPixel = file[16];

        if (mapType > 1)
            throw ImageDefect.Corrupt($"it declares colour-map type {mapType} where a TGA has 0 or 1");
        if (imageType is 32 or 33)
            throw ImageDefect.Unsupported("it is Huffman-compressed (image type 32 or 33)");
        if (imageType is not (1 or 2 or 3 or 9 or 10 or 11))
            throw ImageDefect.Corrupt($"it declares image type {imageType}, none of the TGA image types");
        bool mapped = imageType is 1 or 9, runLength = imageType >= 9;
        if (mapped)
        {
            if (mapType != 1)
                throw ImageDefect.Corrupt("it is a colour-mapped TGA without a colour map");
            if (mapBits is not (8 or 15 or 16 or 24 or 32))
                throw ImageDefect.Corrupt($"its colour map declares {mapBits}-bit entries where TGA uses 8, 15, 16, 24 or 32");
            if (bitsPerPixel is not (8 or 16))
                throw ImageDefect.Corrupt($"it declares {bitsPerPixel}-bit colour-map indices where TGA uses 8 or 16");
            if (mapLength == 0)
                throw ImageDefect.Corrupt("its colour map is empty");
            if (mapStart != 0) // StbImageSharp skips that many bytes and then indexes from 0: the colours would shift
                throw ImageDefect.Unsupported($"its colour map starts at index {mapStart} rather than 0");
        }
        else
        {
            if (mapType == 1)
                throw ImageDefect.Unsupported("it is a true-colour TGA that carries a colour map");
            if (bitsPerPixel is not (8 or 15 or 16 or 24 or 32))
                throw ImageDefect.Corrupt($"it declares {bitsPerPixel} bits per pixel where TGA uses 8, 15, 16, 24 or 32");
        }
        if (width == 0 || height == 0)
            throw ImageDefect.Corrupt($"it declares a {width}x{height} size");
        ImageDefect.CheckSize(width, height);

        long at = HeaderLength + idLength;
        if (at > file.Length)
            throw ImageDefect.Truncated($"it ends at byte {file.Length} inside its {idLength}-byte image ID");
        if (mapped)
        {
            long mapBytes = (long)mapLength * ((mapBits + 7) / 8);
            if (at + mapBytes > file.Length)
                throw ImageDefect.Truncated($"it ends at byte {file.Length} inside its colour map of {mapLength} entries from byte {at}");
            at += mapBytes;
        }
        int pixelBytes = (bitsPerPixel + 7) / 8;
        long pixels = (long)width * height;
        if (runLength) CheckPackets(file, at, pixels, pixelBytes);
        else if (at + pixels * pixelBytes > file.Length)
            throw ImageDefect.Truncated($"it ends at byte {file.Length} inside its pixel data, which needs {pixels} pixels of {pixelBytes} bytes from byte {at}, up to byte {at + pixels * pixelBytes}");
        return new DeclaredSize(width, height);
    }

    /// <summary>Walks the run-length packets to the pixel count: a header byte, then one pixel repeated or a run of raw pixels.</summary>
    private static void CheckPackets(ReadOnlySpan<byte> file, long at, long pixels, int pixelBytes)
    {
        long done = 0;
        while (done < pixels)
        {
            if (at >= file.Length)
                throw ImageDefect.Truncated($"it ends at byte {file.Length} inside its run-length-encoded pixel data, {done} of {pixels} pixels in");
            int header = file[(int)at++];
            long count = Math.Min((header & 0x7F) + 1, pixels - done); // the decoder stops at the pixel count, even mid-packet
            long bytes = (header & 0x80) != 0 ? pixelBytes : count * pixelBytes;
            if (at + bytes > file.Length)
                throw ImageDefect.Truncated($"it ends at byte {file.Length} inside its run-length-encoded pixel data, {done} of {pixels} pixels in");
            at += bytes;
            done += count;
        }
    }
}
