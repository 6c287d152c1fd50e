using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Tiling;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Runtime.Tiling;

/// <summary>The tiled upscale equals the whole-image one: every scale, with and without noise, odd sizes, tiles smaller and larger than the image.</summary>
public class TiledImageInferenceTests
{
    private const double Tolerance = 1e-5;

    /// <summary>
    /// A model whose every convolution is random with a gain of about 1 per layer (fan-in scaled), so that a cell at the
    /// edge of the receptive field still moves the output measurably: a halo one cell short shows.
    /// </summary>
    internal static NoiseAwareOneStepModel RandomModel(ScaleFactor scale, int blocks = 2, double gain = 1.0)
    {
        manual_seed(17); // before construction too: the initial biases and embedding come from the global generator
        var model = new NoiseAwareOneStepModel(ModelArchitecture.For(scale, channels: 8, residualBlocks: blocks));
        model.Network.eval();
        using var _ = no_grad();
        foreach (var (_, parameter) in model.Network.named_parameters())
            if (parameter.dim() == 4)
                parameter.copy_(randn(parameter.shape) * (gain / Math.Sqrt(parameter.shape[1] * 9)));
        model.InvalidateFoldedTimestep();
        return model;
    }

    private static Tensor LowRes(int width, int height) =>
        ImageTensors.ToTensor(TestFrames.Mosaic(new FrameSize(width, height), offset: 3));

    private static double TiledAgainstWhole(NoiseAwareOneStepModel model, double strength, int width, int height, int tileSide)
    {
        using var field = new NoiseField(9, strength);
        using var lowRes = LowRes(width, height);
        using var whole = new ImageInference(model, field).Upscale(lowRes);
        using var tiled = new TiledImageInference(model, field).UpscaleToTensor(lowRes, tileSide);
        Assert.That(tiled.shape, Is.EqualTo(whole.shape));
        return Tensors.MaxAbsDifference(tiled, whole);
    }

    [Test]
    public void BuiltInModelTiledEqualsWholeWithAndWithoutNoise(
        [Values(1.0, 0.0)] double strength,
        [Values(32, 48, 1000)] int tileSide)
    {
        using var model = TestFrames.X2.CreateModel();
        model.Network.eval();
        Assert.That(TiledAgainstWhole(model, strength, 101, 77, tileSide), Is.LessThanOrEqualTo(Tolerance));
    }

    [Test]
    public void EveryScaleTiledEqualsWhole(
        [ValueSource(typeof(ScaleFactor), nameof(ScaleFactor.Supported))] ScaleFactor scale,
        [Values(1.0, 0.0)] double strength,
        [Values(77, 80)] int width)
    {
        using var model = RandomModel(scale);
        // 33 is odd: with q = 2 the bottom row of tiles reads a replicated padding row.
        Assert.That(TiledAgainstWhole(model, strength, width, 69, tileSide: 32), Is.LessThanOrEqualTo(Tolerance));
    }

    [Test]
    public void ATileLargerThanTheImageIsTheWholeImage()
    {
        using var model = RandomModel(new ScaleFactor(3, 2));
        using var field = new NoiseField(2, 1.0);
        var layout = new TiledImageInference(model, field).LayoutFor(45, 39, tileSide: 4096);
        Assert.That(layout.Tiles, Has.Count.EqualTo(1));
        Assert.That(TiledAgainstWhole(model, 1.0, 45, 39, 4096), Is.LessThanOrEqualTo(Tolerance));
    }

    [Test]
    public void AHaloOneCellShortChangesTheOutput()
    {
        // The halo is exactly what is needed: one cell less and the tiles' seams differ from the whole image by more
        // than the tolerance (measured: 4e-6 with the full halo, 6e-5 one cell short), so the tolerance would catch it.
        using var model = RandomModel(ScaleFactor.X2, blocks: 3, gain: 1.1);
        using var field = new NoiseField(9, 1.0);
        using var lowRes = LowRes(96, 64);
        using var whole = new ImageInference(model, field).Upscale(lowRes);
        var upscaler = new TiledImageInference(model, field);
        int halo = TileHalo.Cells(model.Architecture);
        Assert.That(halo, Is.EqualTo(1 + 2 * 3 + 1 + 2), "convolutions plus the bicubic reach at q = 1");
        foreach (var (cells, tooShort) in new[] { (halo, false), (halo - 1, true) })
        {
            var layout = new TileLayout(96, 64, model.Scale, 32, cells);
            using var tiled = empty_like(whole);
            upscaler.Run(new TensorTileSource(lowRes), layout, (tile, output) =>
                tiled.narrow(2, tile.Output.Top, tile.Output.Height).narrow(3, tile.Output.Left, tile.Output.Width).copy_(output));
            double difference = Tensors.MaxAbsDifference(tiled, whole);
            if (tooShort) Assert.That(difference, Is.GreaterThan(3 * Tolerance), $"halo {cells}");
            else Assert.That(difference, Is.LessThanOrEqualTo(Tolerance), $"halo {cells}");
        }
    }

    [Test]
    public void ImageSourceReadsWhatTheTensorSourceReads()
    {
        var image = TestFrames.Mosaic(new FrameSize(37, 23));
        using var lowRes = ImageTensors.ToTensor(image);
        // A region reaching one padding pixel past the bottom-right corner.
        var region = new GridRegion(10, 20, 14, 18);
        using var fromImage = new ImageTileSource(image).Read(region, CPU, ScalarType.Float32);
        using var fromTensor = new TensorTileSource(lowRes).Read(region, CPU, ScalarType.Float32);
        Assert.That(Tensors.BitEqual(fromImage, fromTensor), Is.True);
        Assert.That(fromImage.shape, Is.EqualTo(new long[] { 1, 3, 14, 18 }));
    }

    [Test]
    public void EightBitImagesLargerThanATileGoThroughTiles()
    {
        using var model = TestFrames.X2.CreateModel();
        model.Network.eval();
        using var field = new NoiseField(6, 1.0);
        var image = TestFrames.Mosaic(new FrameSize(TiledImageInference.DefaultTileSide + 110, TiledImageInference.DefaultTileSide + 9));
        var upscaler = new ImageInference(model, field);
        var tiled = upscaler.Upscale(image);
        using var lowRes = ImageTensors.ToTensor(image);
        using var whole = upscaler.Upscale(lowRes);
        var reference = ImageTensors.ToImage(whole);
        Assert.That((tiled.Width, tiled.Height), Is.EqualTo((reference.Width, reference.Height)));
        Assert.That(tiled.Pixels.Zip(reference.Pixels).Max(p => Math.Abs(p.First - p.Second)), Is.LessThanOrEqualTo(1));
    }
}
