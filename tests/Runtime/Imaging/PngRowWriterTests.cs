using System.Buffers.Binary;
using System.IO.Hashing;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Tests.Support;
using StbImageSharp;

namespace GdpoRealtime.Tests.Runtime.Imaging;

/// <summary>The row-by-row PNG encoder: StbImageSharp decodes its files to the exact pixels written.</summary>
public class PngRowWriterTests
{
    /// <summary>Smooth gradients, hard edges and noise, so every filter type wins somewhere.</summary>
    private static RgbImage Mixed(int width, int height, int seed = 1)
    {
        var random = new Random(seed);
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                bool noisy = (x / 16 + y / 16) % 3 == 0;
                image.Pixels[i] = noisy ? (byte)random.Next(256) : (byte)(x * 7 + y);
                image.Pixels[i + 1] = (byte)(y * 255 / Math.Max(1, height - 1));
                image.Pixels[i + 2] = (byte)(((x ^ y) & 8) != 0 ? 250 : 5);
            }
        return image;
    }

    private static byte[] Encode(RgbImage image, int rowsPerWrite)
    {
        using var stream = new MemoryStream();
        using (var png = new PngRowWriter(stream, image.Width, image.Height))
        {
            for (int y = 0; y < image.Height; y += rowsPerWrite)
            {
                int rows = Math.Min(rowsPerWrite, image.Height - y);
                png.WriteRows(image.Pixels.AsSpan(y * image.Width * 3, rows * image.Width * 3));
            }
            png.Finish();
        }
        return stream.ToArray();
    }

    [TestCase(1, 1, 1)]
    [TestCase(37, 1, 1)]
    [TestCase(6000, 3, 2)]
    [TestCase(129, 77, 5)]
    [TestCase(400, 400, 64)]
    public void DecodesBackBitExactly(int width, int height, int rowsPerWrite)
    {
        var image = Mixed(width, height);
        var decoded = ImageResult.FromMemory(Encode(image, rowsPerWrite), ColorComponents.RedGreenBlue);
        Assert.That((decoded.Width, decoded.Height), Is.EqualTo((width, height)));
        Assert.That(decoded.Data, Is.EqualTo(image.Pixels));
    }

    [Test]
    public void ChunksAreFramedWithTheirCrc()
    {
        // 400x400 random pixels do not compress: more than one 256 KB IDAT chunk.
        var noise = new RgbImage(400, 400);
        new Random(3).NextBytes(noise.Pixels);
        byte[] file = Encode(noise, 400);
        var types = new List<string>();
        int at = 8;
        while (at < file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var typeAndData = file.AsSpan(at + 4, 4 + length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length));
            Assert.That(crc, Is.EqualTo(Crc32.HashToUInt32(typeAndData)), $"CRC of chunk {types.Count}");
            types.Add(System.Text.Encoding.ASCII.GetString(typeAndData[..4]));
            at += 12 + length;
        }
        Assert.That(at, Is.EqualTo(file.Length));
        Assert.That(types[0], Is.EqualTo("IHDR"));
        Assert.That(types[^1], Is.EqualTo("IEND"));
        Assert.That(types.Count(t => t == "IDAT"), Is.GreaterThan(1));
    }

    [Test]
    public void AnUnfinishedImageIsRefused()
    {
        using var stream = new MemoryStream();
        using var png = new PngRowWriter(stream, 4, 3);
        png.WriteRows(new byte[4 * 3 * 2]);
        Assert.Throws<InvalidOperationException>(() => png.Finish());
        Assert.Throws<ArgumentException>(() => new PngRowWriter(new MemoryStream(), 4, 3).WriteRows(new byte[5]));
        Assert.Throws<InvalidOperationException>(() => new PngRowWriter(new MemoryStream(), 4, 1).WriteRows(new byte[4 * 3 * 2]));
    }

    [Test]
    public void FileWriterRenamesIntoPlaceOnlyOnCommit()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.png");
        var image = Mixed(50, 20);
        using (var writer = new PngFileWriter(path, 50, 20))
        {
            writer.WriteRows(image.Pixels.AsSpan(0, 50 * 3 * 10));
            Assert.That(File.Exists(path), Is.False, "nothing under the target name before the commit");
        }
        Assert.That(folder.Files, Is.Empty, "an abandoned writer leaves no temporary file");
        using (var writer = new PngFileWriter(path, 50, 20))
        {
            writer.WriteRows(image.Pixels);
            writer.Commit();
        }
        Assert.That(ImageFile.Load(path).Pixels, Is.EqualTo(image.Pixels));
        Assert.That(folder.Files, Has.Count.EqualTo(1));
    }

    [Test]
    public void FileWriterRefusesAMissingFolder()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<ImageInputException>(() => new PngFileWriter(folder.File("nowhere/out.png"), 4, 4));
        Assert.That(e!.Message, Does.Contain("does not exist"));
    }
}
