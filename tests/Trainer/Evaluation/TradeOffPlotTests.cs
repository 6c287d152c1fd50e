using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Evaluation;

namespace GdpoRealtime.Tests.Trainer.Evaluation;

public class TradeOffPlotTests
{
    /// <summary>Scores on four items, shifted from the reference's by the given amounts (with a little item-to-item spread).</summary>
    private static MethodScores Method(string name, double texture, double smooth) => new(name, Enumerable.Range(0, 4)
        .Select(i => new ImageQuality(26 + i, 0.7, 44 + i + smooth + 0.01 * (i % 2), 0.9 + texture + 0.001 * (i % 2), 0.8, 0.9)).ToList());

    private static EvaluationReport Report() => new("test set", new[]
    {
        Method("bicubic", -0.30, 5.0), Method("stage1", 0, 0), Method("gdpo", 0.008, -0.02), Method("shuffled", -0.002, 0.1),
        new MethodScores("ground truth", Enumerable.Range(0, 4).Select(_ => new ImageQuality(double.PositiveInfinity, 1, double.PositiveInfinity, 1, 1, 0.9)).ToList()),
    }, "stage1");

    [Test]
    public void EachMethodIsPlacedByItsPairedChangeAgainstTheReference()
    {
        var changes = TradeOffPlot.Changes(Report());
        Assert.That(changes.Select(c => c.Name), Is.EqualTo(new[] { "bicubic", "gdpo", "shuffled" }), "neither the reference nor the ground truth");
        var gdpo = changes.Single(c => c.Name == "gdpo");
        Assert.That(gdpo.Texture.Mean, Is.EqualTo(0.008).Within(1e-9));
        Assert.That(gdpo.Smooth.Mean, Is.EqualTo(-0.02).Within(1e-9));
        Assert.That(gdpo.Texture.StandardError, Is.EqualTo(0).Within(1e-9), "the same spread as the reference: paired differences are constant");
    }

    [TestCase("gdpo-s2", "gdpo")]
    [TestCase("shuffled s3", "shuffled")]
    [TestCase("run_seed4", "run")]
    [TestCase("supervised-s12", "supervised")]
    [TestCase("stage1", "stage1")]
    [TestCase("built-in", "built-in")]
    public void SeedsOfOneSettingShareAColourFamily(string name, string family) => Assert.That(MethodFamilies.Of(name), Is.EqualTo(family));

    [Test]
    public void ThePictureHoldsTwoChartsAndIsRefusedWithoutAReference()
    {
        var image = TradeOffPlot.Render(Report());
        Assert.That((image.Width, image.Height), Is.EqualTo((1440, 540)));
        Assert.That(image.Pixels.Distinct().Count(), Is.GreaterThan(20), "something was drawn");
        using var folder = new TempFolder();
        ImageFile.SavePng(folder.File("tradeoff.png"), image);
        TestContext.AddTestAttachment(folder.File("tradeoff.png"));

        var alone = new EvaluationReport("test set", new[] { Method("stage1", 0, 0) }, "stage1");
        Assert.That(Assert.Throws<GdpoRealtime.Runtime.Errors.InvalidSettingException>(() => TradeOffPlot.Render(alone))!.Message, Does.Contain("second model"));
    }
}
