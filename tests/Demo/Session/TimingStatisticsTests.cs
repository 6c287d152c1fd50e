using GdpoRealtime.Demo.Session;

namespace GdpoRealtime.Tests.Demo.Session;

public class TimingStatisticsTests
{
    [Test]
    public void SummariesLeaveOutTheWarmUpSample()
    {
        var timings = new TimingStatistics();
        foreach (var ms in new[] { 500.0, 10, 30, 20, 40 }) timings.Add("render", ms);
        timings.Add("single", 7);
        Assert.That(timings.Median("render"), Is.EqualTo(25));
        Assert.That(timings.Mean("render"), Is.EqualTo(25));
        Assert.That(timings.Median("single"), Is.EqualTo(7), "one sample is all there is");
        string table = timings.Table("t");
        Assert.That(table, Does.Contain("render").And.Contain("25.0ms").And.Not.Contain("500"));
        var csv = timings.Csv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(csv[0].Trim(), Is.EqualTo("frame,render_ms,single_ms"));
        Assert.That(csv, Has.Length.EqualTo(6), "every sample, warm-up included, one row per frame");
    }

    [TestCase("render low-res", "render_low_res_ms")]
    [TestCase("  model: handoff in", "model_handoff_in_ms")]
    [TestCase("left: GdpoRealtime x2", "left_gdporealtime_x2_ms")]
    public void CsvColumnsArePlainNames(string stage, string column)
    {
        Assert.That(TimingStatistics.ColumnName(stage), Is.EqualTo(column));
        var timings = new TimingStatistics();
        timings.Add(stage, 1);
        Assert.That(timings.Csv().Split('\n')[0].Trim(), Is.EqualTo("frame," + column));
    }
}
