namespace GdpoRealtime.Runtime.Imaging.Decoding;

/// <summary>
/// The structure check of each format, run before the decoder sees a byte: it finds files cut short, refuses
/// declared sizes above <see cref="DecodeLimits"/> before anything is allocated, and names what is wrong.
/// </summary>
internal static class ImageStructure
{
    public static DeclaredSize Check(ImageFormat format, ReadOnlySpan<byte> file) => format switch
    {
        ImageFormat.Png => PngStructure.Check(file),
        ImageFormat.Jpeg => JpegStructure.Check(file),
        ImageFormat.Bmp => BmpStructure.Check(file),
        _ => TgaStructure.Check(file),
    };
}
