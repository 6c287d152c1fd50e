using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.IO;
using GdpoRealtime.Runtime.Imaging.Decoding;
using StbImageWriteSharp;

namespace GdpoRealtime.Runtime.Imaging;

/// <summary>Reads PNG, JPEG, TGA and BMP; writes PNG. Every failure names the file, the cause and the fix.</summary>
public static class ImageFile
{
    public static RgbImage Load(string path)
    {
        string shown = PrintableText.Clean(path, 300);
        if (Directory.Exists(path))
            throw new ImageInputException($"'{shown}' is a folder, not an image", $"Pass a {ImageFormats.Supported} file.");
        if (!File.Exists(path))
            throw new ImageInputException($"Input image '{shown}' does not exist", "Check the path.");
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > DecodeLimits.MaxFileBytes)
                throw new ImageInputException($"Input image '{shown}' is {length:N0} bytes, more than an image within the decoder's limits needs ({DecodeLimits.MaxFileBytes:N0})",
                    "Downscale it or cut it into tiles first.");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageInputException($"Input image '{shown}' cannot be read: {PrintableText.Clean(e.Message)}", "Check the file's permissions.", e);
        }
        return Decode(bytes, path);
    }

    /// <summary>
    /// Decodes a whole file's bytes. Ends with the image or an <see cref="ImageInputException"/> that names what is
    /// wrong: a file cut short is called truncated, a declared size above <see cref="DecodeLimits"/> is refused before
    /// its pixels are allocated, and no partly decoded image is returned as if whole.
    /// </summary>
    public static RgbImage Decode(byte[] bytes, string name)
    {
        string shown = PrintableText.Clean(name, 300);
        if (bytes.Length == 0)
            throw new ImageInputException($"Input image '{shown}' is empty", $"Pass a {ImageFormats.Supported} file.");
        var format = ImageFormats.Detect(bytes, name);
        if (format is null)
        {
            string what = ImageFormats.Recognise(bytes) is { } known ? $"a {known} file" : "not a recognised image";
            throw new ImageInputException($"Input image '{shown}' is {what}",
                $"Convert it to {ImageFormats.Supported} (a TGA file is known by its .tga name).");
        }
        try
        {
            var declared = ImageStructure.Check(format.Value, bytes);
            return StbDecoder.Decode(bytes, declared);
        }
        catch (ImageDefect defect)
        {
            throw defect.ToInputException(shown, format.Value);
        }
    }

    /// <summary>Writes a PNG atomically: no partial file is left if anything fails.</summary>
    public static void SavePng(string path, RgbImage image)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new ImageInputException($"Output folder '{folder}' does not exist", "Create it first or choose another output path.");
        try
        {
            AtomicFile.Write(path, stream => new ImageWriter().WritePng(image.Pixels, image.Width, image.Height,
                StbImageWriteSharp.ColorComponents.RedGreenBlue, stream));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ImageInputException($"Output '{path}' cannot be written: permission denied", "Choose a writable output path.", e);
        }
        catch (IOException e)
        {
            throw new ImageInputException($"Output '{path}' cannot be written: {e.Message}", "Choose a writable output path with free space.", e);
        }
    }

    public static byte[] EncodePng(RgbImage image)
    {
        using var stream = new MemoryStream();
        new ImageWriter().WritePng(image.Pixels, image.Width, image.Height, StbImageWriteSharp.ColorComponents.RedGreenBlue, stream);
        return stream.ToArray();
    }
}
