using System.Buffers.Binary;
using System.IO.Hashing;

namespace GdpoRealtime.Runtime.Imaging;

/// <summary>A write-only stream that packs what is written into PNG chunks of one type (IDAT), each with its length and CRC-32.</summary>
internal sealed class PngChunkStream(Stream output, ReadOnlySpan<byte> type) : Stream
{
    /// <summary>Bytes per chunk: large enough that the 12 bytes of chunk framing do not matter, small enough to stay in cache.</summary>
    private const int ChunkBytes = 1 << 18;

    private readonly byte[] chunkType = type.ToArray();
    private readonly byte[] buffer = new byte[ChunkBytes];
    private int filled;

    /// <summary>One whole chunk: length, type, data, CRC-32 of type and data (big-endian).</summary>
    public static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }

    public override void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int take = Math.Min(data.Length, ChunkBytes - filled);
            data[..take].CopyTo(buffer.AsSpan(filled));
            filled += take;
            data = data[take..];
            if (filled == ChunkBytes) Flush();
        }
    }

    public override void Write(byte[] data, int offset, int count) => Write(data.AsSpan(offset, count));

    /// <summary>Emits what is buffered as one chunk (nothing when empty).</summary>
    public override void Flush()
    {
        if (filled == 0) return;
        WriteChunk(output, chunkType, buffer.AsSpan(0, filled));
        filled = 0;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
