using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Tiling;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Runtime.Tiling;

/// <summary>Tiles to bands to a PNG file: the same 8-bit image as the whole-image upscale.</summary>
public class BandedUpscaleTests
{
    private static int MaxByteDifference(byte[] a, byte[] b)
    {
        Assert.That(a, Has.Length.EqualTo(b.Length));
        int max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    [TestCase(2, 1, 150, 70)]
    [TestCase(3, 2, 97, 75)]
    public void PngEqualsTheWholeImageUpscale(int p, int q, int width, int height)
    {
        var scale = new ScaleFactor(p, q);
        using var model = scale == ScaleFactor.X2 ? TestFrames.X2.CreateModel() : TiledImageInferenceTests.RandomModel(scale);
        model.Network.eval();
        using var field = new NoiseField(4, 1.0);
        using var folder = new TempFolder();
        var image = TestFrames.Mosaic(new FrameSize(width, height), offset: 1);
        var whole = new ImageInference(model, field).Upscale(image);
        var upscaler = new TiledImageInference(model, field);
        var layout = upscaler.LayoutFor(width, height, tileSide: 48);
        Assert.That(layout.Rows, Is.GreaterThan(1));
        int ticks = 0;
        BandedUpscale.ToPng(upscaler, image, layout, folder.File("out.png"), onTileDone: done => ticks = done);
        var tiled = ImageFile.Load(folder.File("out.png"));
        Assert.That((tiled.Width, tiled.Height), Is.EqualTo((whole.Width, whole.Height)));
        // Values within 1e-5 round to the same byte except a value that falls on a rounding boundary.
        Assert.That(MaxByteDifference(tiled.Pixels, whole.Pixels), Is.LessThanOrEqualTo(1));
        Assert.That(ticks, Is.EqualTo(layout.Tiles.Count));
    }

    [Test]
    public void BandsComeTopToBottomWithTheBicubicAlongside()
    {
        using var model = TestFrames.X2.CreateModel();
        model.Network.eval();
        using var field = new NoiseField(4, 0.0);
        var image = TestFrames.Mosaic(new FrameSize(90, 100));
        var upscaler = new TiledImageInference(model, field);
        var layout = upscaler.LayoutFor(90, 100, tileSide: 32);
        var bicubic = new RgbImage(layout.OutputWidth, layout.OutputHeight);
        int next = 0;
        BandedUpscale.Run(upscaler, image, layout, (ours, cubic) =>
        {
            Assert.That(ours.Top, Is.EqualTo(next), "bands in order, none missing");
            cubic!.Rows.CopyTo(bicubic.Pixels.AsSpan(ours.Top * bicubic.Width * 3));
            next += ours.Height;
        }, withBicubic: true);
        Assert.That(next, Is.EqualTo(layout.OutputHeight));
        using var lowRes = ImageTensors.ToTensor(image);
        using var reference = ImageInference.Bicubic(lowRes, model.Scale);
        Assert.That(MaxByteDifference(bicubic.Pixels, ImageTensors.ToImage(reference).Pixels), Is.LessThanOrEqualTo(1));
    }
}
