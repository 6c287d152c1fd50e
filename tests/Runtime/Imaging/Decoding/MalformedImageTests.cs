using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Imaging.Decoding;
using GdpoRealtime.Tests.Support;
using StbImageSharp;

namespace GdpoRealtime.Tests.Runtime.Imaging.Decoding;

/// <summary>The files of issue 11 (items 6 and 7) and one of each defect the structure checks name.</summary>
public class MalformedImageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>The 7-byte truncated JPEG that made the decoder spin at 100% CPU.</summary>
    public static readonly byte[] SevenByteJpeg = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A };

    private static ImageInputException Refused(byte[] bytes, string name)
    {
        var outcome = DecodeUnderDeadline.Run(bytes, name, Deadline);
        Assert.That(outcome, Is.Not.Null, $"decoding {name} did not end within {Deadline.TotalSeconds} s");
        Assert.That(outcome!.Error, Is.InstanceOf<ImageInputException>(), outcome.Error?.ToString() ?? "it decoded to an image");
        var error = (ImageInputException)outcome.Error!;
        Assert.That(HostileImageFuzzTests.MessageProblem(error, PrintableText.Clean(name, 300)), Is.Null);
        return error;
    }

    private static SampleImageFile Sample(ImageFormat format, string variant) => SampleImageFiles.Of(format).Single(s => s.Variant == variant);

    [Test]
    public void SevenByteJpegIsTruncatedInsideItsApp0Segment()
    {
        var error = Refused(SevenByteJpeg, "cut.jpg");
        Assert.That(error.Message, Is.EqualTo(
            "Input image 'cut.jpg' is a truncated JPEG: it ends at byte 7 inside the APP0 segment at byte 2, which declares 16 bytes. Copy or export it again in full."));
    }

    [Test]
    public void TruncatedPngMessageHasNoNulBytes()
    {
        byte[] png = ImageFile.EncodePng(SampleImageFiles.Gradient(64, 64));
        var error = Refused(png[..(png.Length / 2)], "half.png");
        Assert.That(error.Message, Does.Contain("is a truncated PNG: it ends at byte").And.Contain("inside the IDAT chunk"));
    }

    [Test]
    public void DecoderReasonIsCutAtItsFirstNulAndCleaned()
    {
        Assert.That(PrintableText.Clean("bad\u0007 thing\r\n\tend\0"), Is.EqualTo("bad? thing end?"));
        Assert.That(PrintableText.Clean(new string('x', 500), 80), Is.EqualTo(new string('x', 80) + "..."));
    }

    [Test]
    public void NameWithControlCharactersIsPrintedClean()
    {
        var error = Refused(SevenByteJpeg, "evil\n\u001b[31mframe.jpg");
        Assert.That(error.Message, Does.Contain("'evil ?[31mframe.jpg'"));
    }

    [Test]
    public void PngWhoseChunkDataDisagreesWithItsCrcIsCorrupt()
    {
        var png = Sample(ImageFormat.Png, "rgb").Bytes.ToArray();
        var data = ImageMutations.PngChunks(png).First(c => c.Type == "IDAT");
        png[data.DataAt + data.Length / 2] ^= 0x10;
        Assert.That(Refused(png, "flipped.png").Message, Does.Contain($"corrupt PNG: the CRC of the IDAT chunk at byte {data.DataAt - 8} does not match"));
    }

    [Test]
    public void HugeZeroFilledPngIsRefusedBeforeItsPixelsAreAllocated()
    {
        byte[] png = ZeroPng(20000, 20000);
        Assert.That(png.Length, Is.InRange(1_000_000, 1_400_000), "the issue's file: 20000x20000 zeros in about 1 MB");
        int native = StbImage.NativeAllocations;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ImageInputException>(() => ImageFile.Decode(png, "zeros.png"))!;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.That(error.Message, Does.Contain("declares 20000x20000 pixels").And.Contain("16384").And.Contain("67,108,864"));
        Assert.That(allocated, Is.LessThan(1 << 20), "bytes allocated while refusing it");
        Assert.That(StbImage.NativeAllocations, Is.EqualTo(native), "the decoder must not have run");
    }

    /// <summary>A PNG of zero RGB rows, compressed as the 1 MB file was.</summary>
    private static byte[] ZeroPng(int width, int height)
    {
        using var file = new MemoryStream();
        file.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 2); // 8-bit RGB
        WriteChunk(file, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                var row = new byte[1 + width * 3];
                for (int y = 0; y < height; y++) zlib.Write(row);
            }
            WriteChunk(file, "IDAT", compressed.ToArray());
        }
        WriteChunk(file, "IEND", Array.Empty<byte>());
        return file.ToArray();
    }

    private static void WriteChunk(Stream file, string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        file.Write(chunk);
    }

    [TestCase(8192, 8192, true)]
    [TestCase(16384, 4096, true)]
    [TestCase(16385, 1, false)]
    [TestCase(8193, 8192, false)]
    public void DecodeLimitsTakeTheUpscalersLargestInput(int width, int height, bool allowed) =>
        Assert.That(DecodeLimits.Allows(width, height), Is.EqualTo(allowed));

    [Test]
    public void JpegWithTooLittleCodedDataForItsSizeIsCorrupt()
    {
        var jpeg = Sample(ImageFormat.Jpeg, "baseline-420").Bytes.ToArray();
        int frame = ImageMutations.FindJpegMarker(jpeg, m => m == 0xC0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 5), 4000); // height: the scan holds 16 rows
        Assert.That(Refused(jpeg, "tall.jpg").Message, Does.Contain("corrupt JPEG: scan 1 holds").And.Contain("24x4000"));
    }

    [Test]
    public void JpegCutInsideItsScanIsTruncated()
    {
        var jpeg = Sample(ImageFormat.Jpeg, "baseline-444").Bytes; // one scan, in the file's last few hundred bytes
        Assert.That(Refused(jpeg[..(jpeg.Length - 100)], "cut.jpg").Message, Does.Contain("truncated JPEG: it ends at byte").And.Contain("inside the coded data of scan"));
    }

    [Test]
    public void ProgressiveJpegWithRestartMarkersDecodes()
    {
        var image = ImageFile.Decode(Sample(ImageFormat.Jpeg, "progressive-restarts").Bytes, "progressive.jpg");
        var expected = SampleImageFiles.Gradient(40, 24);
        Assert.That((image.Width, image.Height), Is.EqualTo((40, 24)));
        Assert.That(image.Pixels.Zip(expected.Pixels, (a, b) => Math.Abs(a - b)).Average(), Is.LessThan(8));
    }

    [TestCase("rgb24")]
    [TestCase("indexed8")]
    [TestCase("bitfields32")]
    public void BmpCutInsideItsRowsIsTruncatedNotGrey(string variant)
    {
        var bmp = Sample(ImageFormat.Bmp, variant).Bytes;
        Assert.That(Refused(bmp[..(bmp.Length * 3 / 4)], "cut.bmp").Message, Does.Contain("truncated BMP: it ends at byte").And.Contain("inside its pixel data"));
    }

    [Test]
    public void RunLengthBmpIsUnsupportedAndCalledTruncatedWhenCut()
    {
        var bmp = Sample(ImageFormat.Bmp, "rle8").Bytes;
        Assert.That(Refused(bmp, "rle.bmp").Message, Does.Contain("run-length encoded (RLE8)").And.Contain("Re-save it as an uncompressed BMP"));
        Assert.That(Refused(bmp[..(bmp.Length - 10)], "rle.bmp").Message, Does.Contain("truncated BMP").And.Contain("before the end-of-bitmap mark"));
    }

    [TestCase("rle-rgb", "run-length-encoded pixel data")]
    [TestCase("rle-mapped", "run-length-encoded pixel data")]
    [TestCase("raw-rgb", "inside its pixel data")]
    [TestCase("mapped", "inside its pixel data")]
    public void TgaCutInsideItsPixelsIsTruncatedNotBlack(string variant, string where)
    {
        var tga = Sample(ImageFormat.Tga, variant).Bytes;
        Assert.That(Refused(tga[..(tga.Length * 3 / 4)], "cut.tga").Message, Does.Contain("truncated TGA: it ends at byte").And.Contain(where));
    }

    [Test]
    public void FileLargerThanAnyImageWithinTheLimitsIsRefusedUnread()
    {
        using var folder = new TempFolder();
        string path = folder.File("huge.png");
        using (var file = File.Create(path)) file.SetLength(DecodeLimits.MaxFileBytes + 1); // sparse: nothing is written
        var error = Assert.Throws<ImageInputException>(() => ImageFile.Load(path))!;
        Assert.That(error.Message, Does.Contain("huge.png").And.Contain("1,073,741,825 bytes"));
    }
}
