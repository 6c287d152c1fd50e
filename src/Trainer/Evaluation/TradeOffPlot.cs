using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Trainer.Training.Runs;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>
/// Where each method stands against the reference (the first model of an evaluation), as a picture: its
/// paired change of the texture score across and of smooth-region PSNR-Y up, with standard-error whiskers,
/// and the product's bound on smooth regions (-0.1 dB) dashed. Tuned models, their shuffled controls and
/// the supervised baseline fall into plain sight of one another: GDPO should sit right of every control
/// and above the bound. Two charts: every method, and the neighbourhood of the reference.
/// </summary>
public static class TradeOffPlot
{
    /// <summary>The product's bound: a tuned model may lose at most this much smooth-region PSNR-Y (dB).</summary>
    public const double SmoothBound = -0.1;

    private const int ChartWidth = 720;
    private const int ChartHeight = 540;

    /// <summary>Paired changes of one method against the reference.</summary>
    public sealed record Change(string Name, MeanWithError Texture, MeanWithError Smooth);

    /// <summary>Every method but the reference and the ground truth, against the reference; empty without one.</summary>
    public static IReadOnlyList<Change> Changes(EvaluationReport report)
    {
        var reference = report.Methods.FirstOrDefault(m => m.Name == report.ReferenceName);
        if (reference is null) return Array.Empty<Change>();
        return report.Methods
            .Where(m => !ReferenceEquals(m, reference) && !EvaluationReport.IsGroundTruth(m))
            .Select(m => new Change(m.Name, EvaluationReport.Difference(m, reference, i => i.Texture), EvaluationReport.Difference(m, reference, i => i.SmoothPsnrY)))
            .Where(c => double.IsFinite(c.Texture.Mean) && double.IsFinite(c.Smooth.Mean))
            .ToList();
    }

    /// <summary>The two charts side by side; the near chart keeps the methods within the given window of the reference.</summary>
    public static RgbImage Render(EvaluationReport report, double nearTexture = 0.03, double nearSmoothDb = 1.5)
    {
        var changes = Changes(report);
        if (changes.Count == 0)
            throw new InvalidSettingException($"The trade-off picture has no method to place against {report.ReferenceName ?? "a reference"}: it needs a second model whose scores are finite",
                "Evaluate at least two models.");
        var near = changes.Where(c => Math.Abs(c.Texture.Mean) <= nearTexture && Math.Abs(c.Smooth.Mean) <= nearSmoothDb).ToList();
        // One colour per family in both charts: the seeds of a setting ("gdpo-s1", "gdpo-s2") share one.
        var palette = new ScottPlot.Palettes.Category10();
        var families = changes.Select(c => MethodFamilies.Of(c.Name)).Distinct().Select((f, i) => (f, i)).ToDictionary(p => p.f, p => palette.GetColor(p.i));
        var colours = changes.ToDictionary(c => c.Name, c => families[MethodFamilies.Of(c.Name)]);
        var all = Chart($"every method against {report.ReferenceName}", changes, colours, report.ReferenceName!);
        var close = Chart($"near {report.ReferenceName} (|Δ texture| <= {nearTexture}, |Δ smooth| <= {nearSmoothDb} dB)", near, colours, report.ReferenceName!);
        var canvas = new RgbImage(all.Width + close.Width, Math.Max(all.Height, close.Height));
        canvas.Fill(255, 255, 255);
        canvas.Paste(all, 0, 0);
        canvas.Paste(close, all.Width, 0);
        return canvas;
    }


    private static RgbImage Chart(string title, IReadOnlyList<Change> changes, IReadOnlyDictionary<string, ScottPlot.Color> colours, string referenceName)
    {
        var plot = new ScottPlot.Plot();
        plot.Title(title);
        plot.XLabel($"Δ texture score vs {referenceName}");
        plot.YLabel($"Δ smooth-region PSNR-Y vs {referenceName} (dB)");
        var origin = plot.Add.Marker(0, 0);
        origin.Color = ScottPlot.Colors.Black;
        origin.MarkerSize = 10;
        origin.LegendText = referenceName;
        var bound = plot.Add.HorizontalLine(SmoothBound);
        bound.LinePattern = ScottPlot.LinePattern.Dashed;
        bound.Color = ScottPlot.Colors.Red;
        bound.LineWidth = 1;
        bound.LegendText = $"smooth bound {SmoothBound} dB";
        var zero = plot.Add.VerticalLine(0);
        zero.Color = ScottPlot.Colors.Gray;
        zero.LineWidth = 1;
        foreach (var c in changes)
        {
            var color = colours[c.Name];
            double x = c.Texture.Mean, y = c.Smooth.Mean;
            double ex = double.IsFinite(c.Texture.StandardError) ? c.Texture.StandardError : 0;
            double ey = double.IsFinite(c.Smooth.StandardError) ? c.Smooth.StandardError : 0;
            foreach (var whisker in new[] { plot.Add.Line(x - ex, y, x + ex, y), plot.Add.Line(x, y - ey, x, y + ey) })
            {
                whisker.Color = color;
                whisker.LineWidth = 1.5f;
            }
            var marker = plot.Add.Marker(x, y);
            marker.Color = color;
            marker.MarkerSize = 9;
            var label = plot.Add.Text(c.Name, x, y);
            label.LabelFontColor = color;
            label.LabelFontSize = 12;
            label.OffsetX = 6;
            label.OffsetY = -6;
        }
        plot.Axes.Margins(horizontal: 0.25, vertical: 0.12); // room for the labels right of the points
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        return MetricsPlot.Rasterise(plot, ChartWidth, ChartHeight);
    }
}
