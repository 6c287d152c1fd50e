using System.Text.RegularExpressions;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Cli;

/// <summary>
/// gdpo-sr upscale in its own process, reading the peak resident memory it reports: a large image in tiles needs
/// little more than a small one, where the same image in one tile needs far more. A small network keeps it quick;
/// what is measured is what grows with the image (inputs, activations, output), which does not depend on the weights.
/// </summary>
public class UpscaleMemoryTests
{
    private static long PeakMegabytes(params string[] args)
    {
        var (code, output, error) = CliProcess.Run(null, TimeSpan.FromMinutes(3), args);
        Assert.That(code, Is.EqualTo(0), error);
        var match = Regex.Match(output, @"peak memory (\d+) MB");
        Assert.That(match.Success, Is.True, output);
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public void PeakMemoryOfATiledUpscaleDoesNotGrowWithTheImage()
    {
        using var folder = new TempFolder();
        string model = folder.File("small.gdpo"), small = folder.File("small.png"), large = folder.File("large.png"), medium = folder.File("medium.png");
        using (var network = new NoiseAwareOneStepModel(ModelArchitecture.For(ScaleFactor.X2, channels: 8, residualBlocks: 1)))
            ModelCheckpoint.Save(model, network, new TrainingRecord());
        ImageFile.SavePng(small, TestFrames.Mosaic(new FrameSize(1000, 1000)));
        ImageFile.SavePng(medium, TestFrames.Mosaic(new FrameSize(2000, 2000)));
        ImageFile.SavePng(large, TestFrames.Mosaic(new FrameSize(3000, 3000)));
        string[] Args(string input, string tile) => new[] { "upscale", input, folder.File("out.png"), "--model", model, "--device", "cpu", "--tile", tile };

        long tiledSmall = PeakMegabytes(Args(small, "256"));
        long tiledLarge = PeakMegabytes(Args(large, "256"));
        long wholeMedium = PeakMegabytes(Args(medium, "4096"));
        TestContext.Out.WriteLine($"peak MB: 1000x1000 tiled {tiledSmall}, 3000x3000 tiled {tiledLarge}, 2000x2000 whole {wholeMedium}");
        // Nine times the pixels in tiles: the 8-bit input grows by 24 MB, the C heap may hold up to HeapSlackBytes (128 MiB) of freed tiles.
        Assert.That(tiledLarge - tiledSmall, Is.LessThan(250), "tiles: memory holds the input and a band, not the image's activations");
        // One float activation of the 2000x2000 image alone is 128 MB here, and the whole-image path holds many.
        Assert.That(wholeMedium - tiledSmall, Is.GreaterThan(1000), "the whole-image path needs far more: the test can tell");
    }
}
