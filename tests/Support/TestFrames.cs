using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Tests.Support;

/// <summary>Small frames cut from the real test images, as the 4-byte pixels engines hand over, and the built-in model.</summary>
public static class TestFrames
{
    private static readonly Lazy<LoadedCheckpoint> X2Checkpoint = new(() => DefaultModels.Load(ScaleFactor.X2));

    /// <summary>The built-in x2 checkpoint, read once per run.</summary>
    public static LoadedCheckpoint X2 => X2Checkpoint.Value;

    /// <summary>A crop of a game texture (detail everywhere, so any pixel that goes wrong shows).</summary>
    public static RgbImage Image(FrameSize size, int which = 1) =>
        TestImages.Load(TestImages.GameTextures[which]).Crop(0, 0, size.Width, size.Height);

    /// <summary>A frame of any size tiled from the real test images (shifted by <paramref name="offset"/> tiles, so frames differ).</summary>
    public static RgbImage Mosaic(FrameSize size, int offset = 0)
    {
        var image = new RgbImage(size.Width, size.Height);
        var tiles = TestImages.All.Select(TestImages.Load).ToList();
        int index = offset;
        for (int y = 0; y < size.Height; y += 128)
            for (int x = 0; x < size.Width; x += 128)
            {
                var tile = tiles[index++ % tiles.Count];
                image.Paste(tile.Crop(0, 0, Math.Min(128, size.Width - x), Math.Min(128, size.Height - y)), x, y);
            }
        return image;
    }

    /// <summary>RGBA or BGRA pixels of an image, alpha 255, rows <paramref name="rowPitchBytes"/> apart (0: packed); padding bytes are 0xCD.</summary>
    public static byte[] Pixels(RgbImage image, ChannelOrder order = ChannelOrder.Rgba, int rowPitchBytes = 0)
    {
        int pitch = rowPitchBytes == 0 ? image.Width * 4 : rowPitchBytes;
        var pixels = new byte[pitch * image.Height];
        Array.Fill(pixels, (byte)0xCD);
        int r = order == ChannelOrder.Bgra ? 2 : 0, b = 2 - r;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                int source = (y * image.Width + x) * 3, target = y * pitch + x * 4;
                pixels[target + r] = image.Pixels[source];
                pixels[target + 1] = image.Pixels[source + 1];
                pixels[target + b] = image.Pixels[source + 2];
                pixels[target + 3] = 255;
            }
        return pixels;
    }

    /// <summary>The colour of 4-byte pixels as an RGB image (alpha dropped, BGRA swizzled back).</summary>
    public static RgbImage ToImage(ReadOnlySpan<byte> pixels, FrameSize size, ChannelOrder order = ChannelOrder.Rgba, int rowPitchBytes = 0)
    {
        int pitch = rowPitchBytes == 0 ? size.Width * 4 : rowPitchBytes;
        var image = new RgbImage(size.Width, size.Height);
        int r = order == ChannelOrder.Bgra ? 2 : 0, b = 2 - r;
        for (int y = 0; y < size.Height; y++)
            for (int x = 0; x < size.Width; x++)
            {
                int source = y * pitch + x * 4, target = (y * size.Width + x) * 3;
                image.Pixels[target] = pixels[source + r];
                image.Pixels[target + 1] = pixels[source + 1];
                image.Pixels[target + 2] = pixels[source + b];
            }
        return image;
    }

    /// <summary>What the CPU model makes of an image with a given noise: the reference every backend is held to.</summary>
    public static RgbImage CpuReference(RgbImage lowRes, long seed, double strength)
    {
        using var model = X2.CreateModel();
        model.Network.eval();
        using var noise = new NoiseField(seed, strength);
        return new ImageInference(model, noise).Upscale(lowRes);
    }
}
