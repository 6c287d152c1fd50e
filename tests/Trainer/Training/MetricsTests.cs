using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Training.Runs;

namespace GdpoRealtime.Tests.Trainer.Training;

public class MetricsTests
{
    [Test]
    public void ATornLastLineIsSkippedAndAResumeDropsLaterSteps()
    {
        using var folder = new TempFolder();
        string path = folder.File("metrics.jsonl");
        using (var log = new MetricsLog(path))
            for (int step = 1; step <= 5; step++)
                log.Append(new MetricsRecord(step, "train", new Dictionary<string, double> { ["loss"] = step * 0.5, ["nan"] = double.NaN }));
        File.AppendAllText(path, "{\"step\":6,\"kind\":\"tra");
        var records = MetricsLog.Read(path);
        Assert.That(records.Select(r => r.Step), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
        Assert.That(records[2].Values["loss"], Is.EqualTo(1.5));
        Assert.That(double.IsNaN(records[2].Values["nan"]), Is.True);

        using (var resumed = new MetricsLog(path, resumeStep: 3))
            resumed.Append(new MetricsRecord(4, "train", new Dictionary<string, double> { ["loss"] = 9 }));
        Assert.That(MetricsLog.Read(path).Select(r => (r.Step, r.Values["loss"])), Is.EqualTo(new[] { (1L, 0.5), (2L, 1.0), (3L, 1.5), (4L, 9.0) }));
    }

    [Test]
    public void TheFigureIsDrawnWithOneChartPerPanel()
    {
        using var folder = new TempFolder();
        var records = Enumerable.Range(1, 60).Select(s => new MetricsRecord(s, "train", new Dictionary<string, double> { ["loss"] = 1.0 / s }))
            .Append(new MetricsRecord(0, "eval", new Dictionary<string, double> { ["eval_texture"] = 0.7, ["reference_texture"] = 0.7 }))
            .Append(new MetricsRecord(60, "eval", new Dictionary<string, double> { ["eval_texture"] = 0.8 })).ToList();
        var panels = new[]
        {
            new PlotPanel("loss", "train", new[] { "loss" }, ReferenceLine: Math.Log(2)),
            new PlotPanel("texture", "eval", new[] { "eval_texture", "reference_texture" }),
            new PlotPanel("nothing yet", "eval", new[] { "absent" }),
        };
        string path = folder.File("training.png");
        MetricsPlot.Render(records, panels, path);
        var image = ImageFile.Load(path);
        Assert.That((image.Width, image.Height), Is.EqualTo((1280, 720)), "two charts per row, two rows");
        Assert.That(image.Pixels.Distinct().Count(), Is.GreaterThan(10), "something was drawn");
    }
}
