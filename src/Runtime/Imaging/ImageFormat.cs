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

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> BmpSignature => "BM"u8;

    /// <summary>
    /// Recognises a format by its signature (TGA has none, so by its extension), or null. A file shorter than a
    /// signature that it begins is taken as that format, so that it is reported as truncated.
    /// </summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> head, string fileName)
    {
        if (Begins(head, PngSignature)) return ImageFormat.Png;
        if (Begins(head, JpegSignature)) return ImageFormat.Jpeg;
        if (Begins(head, BmpSignature)) return ImageFormat.Bmp;
        if (Path.GetExtension(fileName).Equals(".tga", StringComparison.OrdinalIgnoreCase)) return ImageFormat.Tga;
        return null;
    }

    private static bool Begins(ReadOnlySpan<byte> head, ReadOnlySpan<byte> signature) =>
        head.Length > 0 && (head.Length >= signature.Length ? head.StartsWith(signature) : signature.StartsWith(head));

    /// <summary>The format's usual name, as in messages.</summary>
    public static string Name(ImageFormat format) => format switch
    {
        ImageFormat.Png => "PNG",
        ImageFormat.Jpeg => "JPEG",
        ImageFormat.Bmp => "BMP",
        _ => "TGA",
    };

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
