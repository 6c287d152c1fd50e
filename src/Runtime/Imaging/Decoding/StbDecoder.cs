using GdpoRealtime.Runtime.Errors;
using StbImageSharp;

namespace GdpoRealtime.Runtime.Imaging.Decoding;

/// <summary>
/// Runs StbImageSharp on a file that passed its structure check, and checks what it returns. The decoder reads the
/// bytes in memory: its stream reader corrupted the native heap (a captured training set of 840 PNG pairs crashed
/// the trainer with a segmentation fault in the next libtorch call, every time), and in memory its end-of-data
/// test holds, so a segment running past the end cannot make it spin; the structure checks name truncation first.
/// </summary>
internal static class StbDecoder
{
    /// <summary>
    /// Reasons stb records while probing for other formats before it decodes this one; some of its JPEG errors
    /// record none, so one of these would be left as the reason for an unrelated failure.
    /// </summary>
    private static readonly string[] LeftByFormatProbes = { "bad png sig", "no SOI", "unknown image type" };

    public static RgbImage Decode(byte[] bytes, DeclaredSize declared)
    {
        ImageResult? result;
        try
        {
            result = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is not OutOfMemoryException) // stb reports every decoding failure as a plain exception
        {
            string message = e.Message;
            // stb's reasons are C strings: its unknown-chunk reason is a 25-character buffer of NULs after the chunk type
            string reason = PrintableText.Clean(message.Contains('\0') ? message[..message.IndexOf('\0')] : message, 80);
            throw new ImageDefect(DefectKind.Rejected, reason.Length == 0 || LeftByFormatProbes.Contains(reason)
                ? "the decoder cannot read its data"
                : $"the decoder reports \"{reason}\"");
        }
        if (result?.Data is null || result.Width != declared.Width || result.Height != declared.Height)
            throw ImageDefect.Corrupt($"it decodes to {result?.Width ?? 0}x{result?.Height ?? 0} pixels although it declares {declared.Width}x{declared.Height}");
        return new RgbImage(result.Width, result.Height, result.Data);
    }
}
