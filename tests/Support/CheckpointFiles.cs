using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GdpoRealtime.Tests.Support;

/// <summary>Edits of .gdpo bytes that keep the file well-formed (checksum recomputed), as an older or foreign writer could leave them.</summary>
public static class CheckpointFiles
{
    /// <summary>The checkpoint with its first weight set to <paramref name="value"/> and a valid checksum.</summary>
    public static byte[] WithFirstWeight(byte[] checkpoint, float value)
    {
        var edited = (byte[])checkpoint.Clone();
        int headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(edited.AsSpan(12));
        BinaryPrimitives.WriteSingleLittleEndian(edited.AsSpan(16 + headerLength), value);
        SHA256.HashData(edited.AsSpan(0, edited.Length - 32)).CopyTo(edited.AsSpan(edited.Length - 32));
        return edited;
    }
}
