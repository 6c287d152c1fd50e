namespace GdpoRealtime.Runtime.Imaging;

/// <summary>The image formats accepted as input.</summary>
public enum ImageFormat
{
    Png,
    Jpeg,
    Bmp,
    Tga,
}

public static class ImageFormats
{
    public const string Supported = "PNG, JPEG, TGA or BMP";

    /// <summary>Recognises a format by its signature (TGA has none, so by its extension), or null.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> head, string fileName)
    {
        if (head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return ImageFormat.Png;
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return ImageFormat.Jpeg;
        if (head.Length >= 2 && head[0] == (byte)'B' && head[1] == (byte)'M') return ImageFormat.Bmp;
        if (Path.GetExtension(fileName).Equals(".tga", StringComparison.OrdinalIgnoreCase)) return ImageFormat.Tga;
        return null;
    }

    /// <summary>A name for a signature we recognise but do not accept, to make the error precise.</summary>
    public static string? Recognise(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 4 && head[..4].SequenceEqual("GIF8"u8)) return "GIF";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "WebP";
        if (head.Length >= 4 && (head[..4].SequenceEqual("II*\0"u8) || head[..4].SequenceEqual("MM\0*"u8))) return "TIFF";
        if (head.Length >= 4 && head[..4].SequenceEqual("8BPS"u8)) return "PSD";
        if (head.Length >= 12 && head[4..12].SequenceEqual("ftypavif"u8)) return "AVIF";
        return null;
    }
}
