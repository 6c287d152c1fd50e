using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace GdpoRealtime.Runtime.Imaging.Decoding;

/// <summary>
/// Walks a PNG's chunks before decoding: every chunk inside the file, IHDR first, the critical chunks' CRCs,
/// image data present, IEND reached. StbImageSharp checks none of the CRCs and, on a file cut short, reads
/// zeros as a chunk header and fails with a message of NUL bytes.
/// </summary>
internal static class PngStructure
{
    private const int SignatureLength = 8;
    private const int HeaderDataLength = 13;

    public static DeclaredSize Check(ReadOnlySpan<byte> file)
    {
        if (file.Length < SignatureLength)
            throw ImageDefect.Truncated($"it ends at byte {file.Length} inside the {SignatureLength}-byte signature");
        DeclaredSize? size = null;
        bool hasData = false;
        string previous = "signature";
        long at = SignatureLength;
        while (true)
        {
            if (at == file.Length)
                throw ImageDefect.Truncated($"it ends at byte {at} after the {previous}, before the IEND chunk that closes a PNG");
            if (at + 8 > file.Length)
                throw ImageDefect.Truncated($"it ends at byte {file.Length} inside the header of the chunk at byte {at}");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file.Slice((int)at, 4));
            var typeBytes = file.Slice((int)at + 4, 4);
            if (!IsChunkType(typeBytes))
                throw ImageDefect.Corrupt($"the chunk at byte {at} has no valid type (bytes {Convert.ToHexString(typeBytes)})");
            string type = Encoding.ASCII.GetString(typeBytes);
            if (length > int.MaxValue)
                throw ImageDefect.Corrupt($"the {type} chunk at byte {at} declares {length} bytes, more than a PNG chunk may hold");
            long end = at + 12 + length;
            if (end > file.Length)
                throw ImageDefect.Truncated($"it ends at byte {file.Length} inside the {type} chunk at byte {at}, which declares {length} bytes of data");
            var data = file.Slice((int)at + 8, (int)length);
            bool critical = char.IsUpper(type[0]);
            if (critical && Crc32.HashToUInt32(file.Slice((int)at + 4, 4 + (int)length)) != BinaryPrimitives.ReadUInt32BigEndian(file.Slice((int)(end - 4), 4)))
                throw ImageDefect.Corrupt($"the CRC of the {type} chunk at byte {at} does not match its data");

            switch (type)
            {
                case "IHDR":
                    if (size is not null) throw ImageDefect.Corrupt($"it has a second IHDR chunk at byte {at}");
                    size = ReadHeader(data, at);
                    break;
                case "CgBI": // Apple's variant puts this before IHDR; the decoder reads it
                    break;
                default:
                    if (size is null) throw ImageDefect.Corrupt($"its first chunk is {type} (at byte {at}), not the IHDR header");
                    if (type == "IDAT") hasData = true;
                    else if (type == "IEND")
                        return hasData ? size.Value : throw ImageDefect.Corrupt("it has no IDAT chunk: it holds no image data");
                    else if (critical && type != "PLTE")
                        throw ImageDefect.Unsupported($"it has a critical chunk {type} (at byte {at}) that this decoder does not know");
                    break;
            }
            previous = $"{type} chunk at byte {at}";
            at = end;
        }
    }

    private static DeclaredSize ReadHeader(ReadOnlySpan<byte> data, long at)
    {
        if (data.Length != HeaderDataLength)
            throw ImageDefect.Corrupt($"its IHDR chunk at byte {at} holds {data.Length} bytes instead of {HeaderDataLength}");
        uint width = BinaryPrimitives.ReadUInt32BigEndian(data), height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
            throw ImageDefect.Corrupt($"its IHDR chunk declares a {width}x{height} size");
        ImageDefect.CheckSize(width, height);
        return new DeclaredSize((int)width, (int)height);
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
            if (!char.IsAsciiLetter((char)b)) return false;
        return true;
    }
}
