using System.Buffers.Binary;
using System.IO.Hashing;
using GdpoRealtime.Runtime.Imaging;

namespace GdpoRealtime.Tests.Runtime.Imaging.Decoding;

public enum MutationKind
{
    /// <summary>The file's first N bytes: must be called truncated, or decode to the whole image.</summary>
    Truncated,

    /// <summary>Bytes changed: any clean outcome.</summary>
    Damaged,

    /// <summary>A size or length field set huge, or beyond what the data fills: must be an error.</summary>
    HugeField,

    /// <summary>Bytes after the image's end: must decode to the whole image.</summary>
    Appended,

    /// <summary>The whole file under another extension: the whole image, except a TGA without its .tga name.</summary>
    Renamed,
}

public sealed record MutatedImageFile(string Case, string FileName, byte[] Bytes, MutationKind Kind);

/// <summary>Deterministic damage to a valid file: truncation at many offsets, byte changes, huge header fields, renames.</summary>
public static class ImageMutations
{
    private const int HeaderBytes = 64;

    public static IEnumerable<MutatedImageFile> Of(SampleImageFile sample, Random random)
    {
        byte[] whole = sample.Bytes;
        string name = sample.FileName;
        foreach (int length in TruncationLengths(whole.Length))
            yield return new($"{sample.Variant} cut to {length} of {whole.Length} bytes", name, whole[..length], MutationKind.Truncated);

        for (int i = 0; i < 60; i++) // half of them in the headers, where a change alters the structure
        {
            var copy = (byte[])whole.Clone();
            int at = i % 2 == 0 ? random.Next(Math.Min(HeaderBytes, copy.Length)) : random.Next(copy.Length);
            byte before = copy[at];
            copy[at] ^= (byte)(1 + random.Next(255));
            yield return new($"{sample.Variant} byte {at} changed from 0x{before:X2} to 0x{copy[at]:X2}", name, copy, MutationKind.Damaged);
        }
        for (int i = 0; i < 20; i++)
        {
            var copy = (byte[])whole.Clone();
            int count = 2 + random.Next(7);
            var places = Enumerable.Range(0, count).Select(_ => random.Next(copy.Length)).ToArray();
            foreach (int at in places) copy[at] = (byte)random.Next(256);
            yield return new($"{sample.Variant} bytes {string.Join(",", places)} randomised", name, copy, MutationKind.Damaged);
        }
        var chunks = sample.Format == ImageFormat.Png ? PngChunks(whole).Where(c => c.Length > 0).ToList() : new List<PngChunk>();
        if (chunks.Count > 0)
            for (int i = 0; i < 40; i++) // the CRC made to match again, so the damage reaches the decoder itself
            {
                var copy = (byte[])whole.Clone();
                var chunk = chunks[random.Next(chunks.Count)];
                int at = chunk.DataAt + random.Next(chunk.Length);
                copy[at] ^= (byte)(1 + random.Next(255));
                FixPngCrc(copy, chunk);
                yield return new($"{sample.Variant} byte {at} of the {chunk.Type} chunk changed, CRC matching", name, copy, MutationKind.Damaged);
            }
        foreach (var (label, bytes) in HugeFields(sample))
            yield return new($"{sample.Variant} {label}", name, bytes, MutationKind.HugeField);

        var zeroed = (byte[])whole.Clone();
        Array.Clear(zeroed, zeroed.Length / 2, zeroed.Length - zeroed.Length / 2);
        yield return new($"{sample.Variant} second half zeroed", name, zeroed, MutationKind.Damaged);
        foreach (int extra in new[] { 1, 200 })
        {
            var tail = new byte[extra];
            random.NextBytes(tail);
            yield return new($"{sample.Variant} with {extra} bytes appended", name, whole.Concat(tail).ToArray(), MutationKind.Appended);
        }
        foreach (string extension in new[] { ".png", ".jpg", ".bmp", ".tga", ".gif", "" })
            yield return new($"{sample.Variant} named '{Path.GetFileNameWithoutExtension(name)}{extension}'",
                Path.GetFileNameWithoutExtension(name) + extension, whole, MutationKind.Renamed);
    }

    /// <summary>Every length up to 48 bytes (the headers), then 40 spread over the rest of the file.</summary>
    private static IEnumerable<int> TruncationLengths(int length)
    {
        var lengths = new SortedSet<int>(Enumerable.Range(1, Math.Min(48, length - 1)));
        for (int i = 1; i <= 40; i++) lengths.Add(48 + (int)((long)(length - 1 - 48) * i / 40));
        return lengths.Where(l => l >= 1 && l < length);
    }

    private static IEnumerable<(string Label, byte[] Bytes)> HugeFields(SampleImageFile sample)
    {
        byte[] whole = sample.Bytes;
        byte[] With(Action<byte[]> change)
        {
            var copy = (byte[])whole.Clone();
            change(copy);
            return copy;
        }
        switch (sample.Format)
        {
            case ImageFormat.Png:
                var header = PngChunks(whole).First();
                var data = PngChunks(whole).First(c => c.Type == "IDAT");
                foreach (var (w, h) in new (uint, uint)[] { (20000, 20000), (0x7FFFFFFF, 16), (24, 65535), (24, 8000) })
                    yield return ($"IHDR size set to {w}x{h}, CRC matching", With(b =>
                    {
                        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(header.DataAt), w);
                        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(header.DataAt + 4), h);
                        FixPngCrc(b, header);
                    }));
                yield return ("IDAT length set to 0x7FFFFFF0", With(b => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(data.DataAt - 8), 0x7FFFFFF0)));
                yield return ("IDAT length set to 0xFFFFFFFF", With(b => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(data.DataAt - 8), 0xFFFFFFFF)));
                break;
            case ImageFormat.Jpeg:
                int frame = FindJpegMarker(whole, m => m is 0xC0 or 0xC1 or 0xC2);
                foreach (var (w, h) in new (ushort, ushort)[] { (65535, 65535), (24, 65535), (65535, 16), (24, 8000), (8000, 16) })
                    yield return ($"frame size set to {w}x{h}", With(b =>
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(frame + 5), h);
                        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(frame + 7), w);
                    }));
                yield return ("first segment length set to 65535", With(b => BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(4), 65535)));
                int table = FindJpegMarker(whole, m => m == 0xDB);
                yield return ("quantisation table length set to 65535", With(b => BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(table + 2), 65535)));
                break;
            case ImageFormat.Bmp:
                yield return ("width set to 2^31-1", With(b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(18), int.MaxValue)));
                yield return ("height set to -2^31", With(b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(22), int.MinValue)));
                yield return ("width set to 100000", With(b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(18), 100000)));
                yield return ("height set to 10000", With(b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(22), 10000)));
                yield return ("pixel offset set to 0xFFFFFFF0", With(b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(10), 0xFFFFFFF0)));
                yield return ("header size set to 0xFFFFFFFF", With(b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(14), 0xFFFFFFFF)));
                break;
            default:
                yield return ("size set to 65535x65535", With(b => { BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), 65535); BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(14), 65535); }));
                yield return ("width set to 65535", With(b => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), 65535)));
                yield return ("height set to 8000", With(b => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(14), 8000)));
                yield return ("image ID length set to 255", With(b => b[0] = 255));
                if (whole[1] == 1)
                    yield return ("colour map length set to 65535", With(b => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(5), 65535)));
                break;
        }
    }

    public sealed record PngChunk(string Type, int DataAt, int Length);

    /// <summary>The chunks of a valid PNG (the samples', not the mutants').</summary>
    public static IEnumerable<PngChunk> PngChunks(byte[] png)
    {
        for (int at = 8; at + 12 <= png.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            yield return new PngChunk(System.Text.Encoding.ASCII.GetString(png, at + 4, 4), at + 8, length);
            at += 12 + length;
        }
    }

    public static void FixPngCrc(byte[] png, PngChunk chunk) =>
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(chunk.DataAt + chunk.Length), Crc32.HashToUInt32(png.AsSpan(chunk.DataAt - 4, chunk.Length + 4)));

    /// <summary>The offset of the first marker's 0xFF whose code passes, in a valid JPEG's header.</summary>
    public static int FindJpegMarker(byte[] jpeg, Func<byte, bool> code)
    {
        for (int at = 2; at + 4 <= jpeg.Length; at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2)))
            if (code(jpeg[at + 1])) return at;
        throw new InvalidOperationException("marker not found in the sample");
    }
}
