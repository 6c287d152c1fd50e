using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.IO;
using StbImageSharp;
using StbImageWriteSharp;

namespace GdpoRealtime.Runtime.Imaging;

/// <summary>Reads PNG, JPEG, TGA and BMP; writes PNG. Every failure names the file, the cause and the fix.</summary>
public static class ImageFile
{
    public static RgbImage Load(string path)
    {
        if (Directory.Exists(path))
            throw new ImageInputException($"'{path}' is a folder, not an image", $"Pass a {ImageFormats.Supported} file.");
        if (!File.Exists(path))
            throw new ImageInputException($"Input image '{path}' does not exist", "Check the path.");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageInputException($"Input image '{path}' cannot be read: {e.Message}", "Check the file's permissions.", e);
        }
        return Decode(bytes, path);
    }

    public static RgbImage Decode(byte[] bytes, string name)
    {
        if (bytes.Length == 0)
            throw new ImageInputException($"Input image '{name}' is empty", $"Pass a {ImageFormats.Supported} file.");
        var format = ImageFormats.Detect(bytes, name);
        if (format is null)
        {
            string what = ImageFormats.Recognise(bytes) is { } known ? $"a {known} file" : "not a recognised image";
            throw new ImageInputException($"Input image '{name}' is {what}",
                $"Convert it to {ImageFormats.Supported}.");
        }
        ImageResult result;
        try
        {
            result = ImageResult.FromMemory(bytes, StbImageSharp.ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is not OutOfMemoryException) // stb reports every decoding failure as a plain Exception
        {
            throw new ImageInputException($"Input image '{name}' looks like {format} but cannot be decoded ({e.Message.Trim()}); it may be truncated or corrupt",
                "Re-export the image.", e);
        }
        if (result is null || result.Data is null || result.Width <= 0 || result.Height <= 0)
            throw new ImageInputException($"Input image '{name}' looks like {format} but cannot be decoded; it may be truncated or corrupt", "Re-export the image.");
        return new RgbImage(result.Width, result.Height, result.Data);
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
