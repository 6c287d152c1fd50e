using GdpoRealtime.Runtime.Imaging;
using StbImageWriteSharp;

namespace GdpoRealtime.Tests.Runtime.Imaging.Decoding;

/// <summary>A small valid file of one format and variant, the seed of the mutated corpus.</summary>
/// <param name="Readable">False for a variant the decoder refuses as a whole file (run-length BMP).</param>
public sealed record SampleImageFile(string Variant, string FileName, ImageFormat Format, byte[] Bytes, bool Readable = true);

/// <summary>The valid files each format's fuzzing starts from: every variant the decoder reads, kept small.</summary>
public static class SampleImageFiles
{
    private const int Width = 24, Height = 16;

    public static IReadOnlyList<SampleImageFile> Of(ImageFormat format)
    {
        var image = Gradient(Width, Height);
        var picture = HandMadeImageFiles.Indexed.Blocks(Width, Height);
        return format switch
        {
            ImageFormat.Png => new[]
            {
                Sample("rgb", ".png", format, s => new ImageWriter().WritePng(image.Pixels, Width, Height, ColorComponents.RedGreenBlue, s)),
                Sample("grey-alpha", ".png", format, s => new ImageWriter().WritePng(GreyAlpha(image), Width, Height, ColorComponents.GreyAlpha, s)),
            },
            ImageFormat.Jpeg => new[]
            {
                Sample("baseline-420", ".jpg", format, s => new ImageWriter().WriteJpg(image.Pixels, Width, Height, ColorComponents.RedGreenBlue, s, 80)),
                Sample("baseline-444", ".jpg", format, s => new ImageWriter().WriteJpg(image.Pixels, Width, Height, ColorComponents.RedGreenBlue, s, 95)),
                new SampleImageFile("progressive-restarts", "progressive-restarts.jpg", format, ProgressiveJpegSample.Bytes),
            },
            ImageFormat.Tga => new[]
            {
                Sample("rle-rgb", ".tga", format, s => new ImageWriter().WriteTga(image.Pixels, Width, Height, ColorComponents.RedGreenBlue, s)),
                new SampleImageFile("raw-rgb", "raw-rgb.tga", format, HandMadeImageFiles.TgaUncompressed(image)),
                new SampleImageFile("mapped", "mapped.tga", format, HandMadeImageFiles.TgaColourMapped(picture, runLength: false)),
                new SampleImageFile("rle-mapped", "rle-mapped.tga", format, HandMadeImageFiles.TgaColourMapped(picture, runLength: true)),
            },
            _ => new[]
            {
                Sample("rgb24", ".bmp", format, s => new ImageWriter().WriteBmp(image.Pixels, Width, Height, ColorComponents.RedGreenBlue, s)),
                new SampleImageFile("indexed8", "indexed8.bmp", format, HandMadeImageFiles.Bmp8(picture)),
                new SampleImageFile("bitfields32", "bitfields32.bmp", format, HandMadeImageFiles.Bmp32BitFields(image)),
                new SampleImageFile("rle8", "rle8.bmp", format, HandMadeImageFiles.BmpRle8(picture), Readable: false),
            },
        };
    }

    public static RgbImage Gradient(int width, int height)
    {
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                image.Pixels[i] = (byte)(x * 255 / (width - 1));
                image.Pixels[i + 1] = (byte)(y * 255 / (height - 1));
                image.Pixels[i + 2] = (byte)((x ^ y) * 8);
            }
        return image;
    }

    private static byte[] GreyAlpha(RgbImage image)
    {
        var pixels = new byte[image.Width * image.Height * 2];
        for (int i = 0; i < image.Width * image.Height; i++) (pixels[2 * i], pixels[2 * i + 1]) = (image.Pixels[3 * i + 1], (byte)(255 - i % 256));
        return pixels;
    }

    private static SampleImageFile Sample(string variant, string extension, ImageFormat format, Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return new SampleImageFile(variant, variant + extension, format, stream.ToArray());
    }
}
