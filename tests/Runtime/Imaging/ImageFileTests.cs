using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Tests.Support;
using StbImageWriteSharp;

namespace GdpoRealtime.Tests.Runtime.Imaging;

public class ImageFileTests
{
    private static RgbImage Gradient(int width, int height)
    {
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                image.Pixels[i] = (byte)(x * 255 / Math.Max(1, width - 1));
                image.Pixels[i + 1] = (byte)(y * 255 / Math.Max(1, height - 1));
                image.Pixels[i + 2] = (byte)((x ^ y) & 0xff);
            }
        return image;
    }

    [Test]
    public void PngRoundTripIsLossless()
    {
        using var folder = new TempFolder();
        var image = Gradient(23, 17);
        ImageFile.SavePng(folder.File("a.png"), image);
        Assert.That(ImageFile.Load(folder.File("a.png")).Pixels, Is.EqualTo(image.Pixels));
    }

    [TestCase("bmp")]
    [TestCase("tga")]
    [TestCase("jpg")]
    public void OtherInputFormatsAreRead(string format)
    {
        using var folder = new TempFolder();
        var image = Gradient(32, 24);
        string path = folder.File("in." + format);
        using (var stream = File.Create(path))
        {
            var writer = new ImageWriter();
            switch (format)
            {
                case "bmp": writer.WriteBmp(image.Pixels, 32, 24, ColorComponents.RedGreenBlue, stream); break;
                case "tga": writer.WriteTga(image.Pixels, 32, 24, ColorComponents.RedGreenBlue, stream); break;
                default: writer.WriteJpg(image.Pixels, 32, 24, ColorComponents.RedGreenBlue, stream, 95); break;
            }
        }
        var loaded = ImageFile.Load(path);
        Assert.That((loaded.Width, loaded.Height), Is.EqualTo((32, 24)));
        double meanError = loaded.Pixels.Zip(image.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.That(meanError, Is.LessThan(format == "jpg" ? 6 : 0.001));
    }

    [Test]
    public void MissingFileNamesThePath()
    {
        var error = Assert.Throws<ImageInputException>(() => ImageFile.Load("/no/such/frame.png"));
        Assert.That(error!.Message, Does.Contain("/no/such/frame.png").And.Contain("does not exist"));
    }

    [Test]
    public void UnsupportedFormatIsNamed()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("anim.gif"), "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray());
        var error = Assert.Throws<ImageInputException>(() => ImageFile.Load(folder.File("anim.gif")));
        Assert.That(error!.Message, Does.Contain("GIF").And.Contain("PNG, JPEG, TGA or BMP"));
    }

    [Test]
    public void TextFileIsNotAnImage()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("notes.png"), "hello");
        var error = Assert.Throws<ImageInputException>(() => ImageFile.Load(folder.File("notes.png")));
        Assert.That(error!.Message, Does.Contain("not a recognised image"));
    }

    [Test]
    public void TruncatedPngIsReportedAsTruncated()
    {
        using var folder = new TempFolder();
        byte[] png = ImageFile.EncodePng(Gradient(64, 64));
        File.WriteAllBytes(folder.File("cut.png"), png.AsSpan(0, png.Length / 3).ToArray());
        var error = Assert.Throws<ImageInputException>(() => ImageFile.Load(folder.File("cut.png")));
        Assert.That(error!.Message, Does.Contain("'").And.Contain("cut.png' is a truncated PNG"));
    }

    [Test]
    public void EmptyFileIsRefused()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("empty.png"), Array.Empty<byte>());
        Assert.Throws<ImageInputException>(() => ImageFile.Load(folder.File("empty.png")));
    }
}
