namespace GdpoRealtime.Runtime.Imaging;

/// <summary>
/// The largest images the decoder takes, checked against the size a file declares before anything is allocated
/// for its pixels, so a few bytes of header cannot make it ask for gigabytes.
/// </summary>
public static class DecodeLimits
{
    /// <summary>
    /// Twice the upscaler's largest input side (8192): a training photo or panorama above the upscaler's limit
    /// can still be loaded and shrunk.
    /// </summary>
    public const int MaxSide = 16384;

    /// <summary>
    /// 8192x8192, the largest image the upscaler takes. A decode this large peaks at about half a gigabyte
    /// above the file's bytes (measured with StbImageSharp: 0.38 GB for an RGB PNG, 0.5 GB for RGBA, 0.29 GB
    /// for a JPEG; the decoder holds the inflated data, its output and the managed copy at once), so no header
    /// can make a decode ask for more.
    /// </summary>
    public const long MaxPixels = 8192L * 8192;

    /// <summary>
    /// 1 GiB: twice the largest honest encoding of an image within <see cref="MaxPixels"/> (16-bit RGBA PNG
    /// stored uncompressed, 8 bytes a pixel), so the whole file can be read into memory.
    /// </summary>
    public const long MaxFileBytes = 1L << 30;

    public static bool Allows(long width, long height) =>
        width is > 0 and <= MaxSide && height is > 0 and <= MaxSide && width * height <= MaxPixels;

    public static string Describe() => $"at most {MaxSide} pixels a side and {MaxPixels:N0} pixels in all";
}
