using System.Buffers.Binary;
using System.Security.Cryptography;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.IO;

/// <summary>
/// The one file container of GdpoRealtime, shared by models (.gdpo) and training states (state.gdporun):
/// <code>
///   magic              8 bytes naming the kind of file
///   format version     uint32 little-endian
///   header length      uint32 little-endian
///   header             UTF-8 JSON, the kind's own
///   payload            bytes the header describes
///   SHA-256            32 bytes over everything before it
/// </code>
/// Reading checks the magic, the version, the checksum and the header's length, and names the file and its kind in
/// every error; the header's meaning and the payload's layout are the kind's.
/// </summary>
public sealed record ChecksummedFile(string Kind, byte[] Magic, int Version)
{
    private const int PreambleLength = 16;
    private const int ChecksumLength = 32;

    /// <summary>What a read found: the header's JSON bytes and the payload (both views of the file's bytes).</summary>
    public readonly ref struct Contents(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        public ReadOnlySpan<byte> Header { get; } = header;
        public ReadOnlySpan<byte> Payload { get; } = payload;
    }

    public byte[] Write(ReadOnlySpan<byte> header, Action<Stream> writePayload)
    {
        using var file = new MemoryStream();
        file.Write(Magic);
        Span<byte> numbers = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(numbers, (uint)Version);
        BinaryPrimitives.WriteUInt32LittleEndian(numbers[4..], (uint)header.Length);
        file.Write(numbers);
        file.Write(header);
        writePayload(file);
        file.Write(SHA256.HashData(file.GetBuffer().AsSpan(0, (int)file.Length)));
        return file.ToArray();
    }

    /// <param name="notThisKind">The error for bytes that are not this kind of file at all (its fix differs by kind).</param>
    /// <param name="damagedFix">What to do about a damaged file of this kind.</param>
    public Contents Read(ReadOnlySpan<byte> bytes, string source, Func<string, Exception> notThisKind, string damagedFix)
    {
        if (bytes.Length < Magic.Length || !bytes[..Magic.Length].SequenceEqual(Magic)) throw notThisKind(source);
        if (bytes.Length < PreambleLength + ChecksumLength)
            throw new CheckpointException($"{Kind} '{source}' is truncated ({bytes.Length} bytes)", damagedFix);
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        if (version != Version)
            throw new CheckpointException($"{Kind} '{source}' has format version {version}; this build reads version {Version}",
                version > Version ? "Upgrade GdpoRealtime to read it." : "Use the version of GdpoRealtime that wrote it, or make it again.");
        int body = bytes.Length - ChecksumLength;
        if (!SHA256.HashData(bytes[..body]).AsSpan().SequenceEqual(bytes[body..]))
            throw new CheckpointException($"{Kind} '{source}' is corrupt or truncated (checksum mismatch)", damagedFix);
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
        if (headerLength > body - PreambleLength)
            throw new CheckpointException($"{Kind} '{source}' has a header longer than the file", damagedFix);
        int payloadStart = PreambleLength + (int)headerLength;
        return new Contents(bytes.Slice(PreambleLength, (int)headerLength), bytes[payloadStart..body]);
    }
}
