using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Tiling;

namespace GdpoRealtime.Tests.Runtime.Tiling;

public class TileLayoutTests
{
    [TestCase(2, 1, 1000, 700, 256)]
    [TestCase(3, 2, 1001, 699, 255)]
    [TestCase(4, 1, 33, 8000, 64)]
    public void TilesCoverTheOutputOnceAlignedToTheDenominator(int p, int q, int width, int height, int tileSide)
    {
        var scale = new ScaleFactor(p, q);
        var layout = new TileLayout(width, height, scale, tileSide, haloCells: 5);
        var covered = new int[layout.OutputHeight, layout.OutputWidth];
        foreach (var tile in layout.Tiles)
        {
            for (int y = tile.Output.Top; y < tile.Output.Bottom; y++)
                for (int x = tile.Output.Left; x < tile.Output.Right; x++) covered[y, x]++;
            Assert.That(tile.Core.Width, Is.LessThanOrEqualTo(tileSide / q));
            Assert.That(tile.Context.Left, Is.EqualTo(Math.Max(0, tile.Core.Left - 5)));
            Assert.That(tile.Context.Right, Is.EqualTo(Math.Min(layout.GridWidth, tile.Core.Right + 5)));
        }
        Assert.That(covered.Cast<int>().All(c => c == 1), Is.True, "every output pixel comes from exactly one tile");
        Assert.That((layout.OutputWidth, layout.OutputHeight), Is.EqualTo((scale.OutputSize(width), scale.OutputSize(height))));
        Assert.That(layout.Tiles.Select(t => t.Row), Is.Ordered, "row-major, so a row of tiles completes a band");
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(31)]
    public void TooSmallATileIsRefused(int tileSide)
    {
        var e = Assert.Throws<InvalidSettingException>(() => new TileLayout(100, 100, ScaleFactor.X2, tileSide, 12));
        Assert.That(e!.Message, Does.Contain(tileSide.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("32"));
    }

    [Test]
    public void HaloOfTheBuiltInArchitecture()
    {
        var architecture = ModelArchitecture.For(ScaleFactor.X2); // 4 residual blocks: 10 convolutions
        Assert.That(TileHalo.Cells(architecture), Is.EqualTo(10 + 2));
        Assert.That(TileHalo.Cells(ModelArchitecture.For(new ScaleFactor(3, 2))), Is.EqualTo(10 + 1), "q = 2: two low-res pixels are one cell");
    }
}
