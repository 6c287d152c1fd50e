using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;

namespace GdpoRealtime.Tests.Runtime.Model;

public class ScaleFactorTests
{
    [TestCase("2", 2, 1)]
    [TestCase("x2", 2, 1)]
    [TestCase("1.5", 3, 2)]
    [TestCase("3/2", 3, 2)]
    [TestCase("3", 3, 1)]
    [TestCase("4", 4, 1)]
    public void ParsesTheProductScales(string text, int p, int q)
    {
        var scale = ScaleFactor.Parse(text);
        Assert.That((scale.Numerator, scale.Denominator), Is.EqualTo((p, q)));
    }

    [TestCase("1")]
    [TestCase("0.5")]
    [TestCase("abc")]
    [TestCase("1.7")]
    [TestCase("16")]
    public void RefusesUnsupportedScalesWithAFix(string text)
    {
        var error = Assert.Throws<InvalidSettingException>(() => ScaleFactor.Parse(text));
        Assert.That(error!.Message, Does.Contain("1.5, 2, 3"));
    }

    [Test]
    public void ChannelCountsFollowTheFolds()
    {
        var scale = new ScaleFactor(3, 2);
        Assert.That(scale.LatentChannels, Is.EqualTo(27));
        Assert.That(scale.ConditionChannels, Is.EqualTo(12));
        Assert.That(scale.OutputSize(640), Is.EqualTo(960));
    }
}
