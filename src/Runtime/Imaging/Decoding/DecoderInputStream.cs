namespace GdpoRealtime.Runtime.Imaging.Decoding;

/// <summary>
/// The bytes as StbImageSharp reads them, with the end of the data kept where C stb_image keeps it.
/// The C# port tests for the end with Position == Length but skips forward unchecked, so a segment length that
/// points past the end left the position beyond Length: the end test never held and the JPEG marker search
/// spun forever (the 7-byte truncated JPEG). Here a forward seek stops at the end, and a backward skip goes to
/// the end, as stb_image does for a negative skip. A read that finds no byte is recorded: the decoder then
/// makes up zeros, and the image it returns is not whole.
/// </summary>
internal sealed class DecoderInputStream(byte[] bytes) : MemoryStream(bytes, writable: false)
{
    /// <summary>Whether the decoder asked for bytes past the end since it last went back to the start.</summary>
    public bool ReadPastEnd { get; private set; }

    public override long Position
    {
        get => base.Position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current when offset < 0 => Length,
            SeekOrigin.Current => base.Position + offset,
            _ => Length + offset,
        };
        target = Math.Clamp(target, 0, Length);
        if (target == 0) ReadPastEnd = false; // the decoder rewinds after probing each format, short files included
        base.Position = target;
        return target;
    }

    public override int ReadByte()
    {
        int value = base.ReadByte();
        if (value < 0) ReadPastEnd = true;
        return value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Note(base.Read(buffer, offset, count), count);

    public override int Read(Span<byte> buffer) => Note(base.Read(buffer), buffer.Length);

    private int Note(int read, int asked)
    {
        if (read < asked) ReadPastEnd = true;
        return read;
    }
}
