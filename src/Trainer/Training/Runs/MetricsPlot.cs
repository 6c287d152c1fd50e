using GdpoRealtime.Runtime.Imaging;
using StbImageSharp;

namespace GdpoRealtime.Trainer.Training.Runs;

/// <summary>One chart of the training figure: some series of the metrics log against the step.</summary>
/// <param name="Title">Chart title.</param>
/// <param name="Kind">Which records to draw: "train" (every step, drawn smoothed over the raw values) or "eval".</param>
/// <param name="Series">Metric names to draw (those absent from the log are skipped).</param>
/// <param name="ReferenceLine">A horizontal line to draw (ln 2 for the GDPO loss), or null.</param>
public sealed record PlotPanel(string Title, string Kind, IReadOnlyList<string> Series, double? ReferenceLine = null);

/// <summary>Draws a run's metrics log as one PNG of charts (ScottPlot), two per row.</summary>
public static class MetricsPlot
{
    private const int PanelWidth = 640;
    private const int PanelHeight = 360;

    public static void Render(IReadOnlyList<MetricsRecord> records, IReadOnlyList<PlotPanel> panels, string path)
    {
        var images = panels.Select(panel => RenderPanel(records, panel)).ToList();
        int columns = Math.Min(2, images.Count), rows = (images.Count + columns - 1) / columns;
        var canvas = new RgbImage(columns * PanelWidth, Math.Max(1, rows) * PanelHeight);
        canvas.Fill(255, 255, 255);
        for (int i = 0; i < images.Count; i++) canvas.Paste(images[i], i % columns * PanelWidth, i / columns * PanelHeight);
        ImageFile.SavePng(path, canvas);
    }

    private static RgbImage RenderPanel(IReadOnlyList<MetricsRecord> records, PlotPanel panel)
    {
        var plot = new ScottPlot.Plot();
        plot.Title(panel.Title);
        plot.XLabel("step");
        var selected = records.Where(r => r.Kind == panel.Kind).ToList();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        foreach (var name in panel.Series)
        {
            var points = selected.Where(r => r.Values.TryGetValue(name, out var v) && double.IsFinite(v))
                .Select(r => (X: (double)r.Step, Y: r.Values[name])).ToList();
            if (points.Count == 0) continue;
            var color = palette.GetColor(colour++);
            double[] xs = points.Select(p => p.X).ToArray(), ys = points.Select(p => p.Y).ToArray();
            if (points.Count == 1 && selected.Count > 1)
            {
                // Measured once (bicubic, the frozen reference): a level to compare against.
                var once = plot.Add.HorizontalLine(ys[0]);
                once.Color = color;
                once.LineWidth = 1.5f;
                once.LinePattern = ScottPlot.LinePattern.Dashed;
                once.LegendText = name;
            }
            else if (panel.Kind == "train" && points.Count > 20)
            {
                var raw = plot.Add.ScatterLine(xs, ys, color.WithAlpha(0.25));
                raw.LineWidth = 1;
                var smooth = plot.Add.ScatterLine(xs, MovingAverage(ys, Math.Max(5, points.Count / 50)), color);
                smooth.LineWidth = 2;
                smooth.LegendText = name;
            }
            else
            {
                var line = plot.Add.Scatter(xs, ys, color);
                line.LineWidth = 2;
                line.MarkerSize = points.Count > 60 ? 0 : 5;
                line.LegendText = name;
            }
        }
        if (panel.ReferenceLine is { } level)
        {
            var reference = plot.Add.HorizontalLine(level);
            reference.LineWidth = 1;
            reference.LinePattern = ScottPlot.LinePattern.Dashed;
            reference.Color = ScottPlot.Colors.Gray;
        }
        if (colour == 0) plot.Title($"{panel.Title} (no data yet)");
        else plot.ShowLegend();
        return Rasterise(plot, PanelWidth, PanelHeight);
    }

    /// <summary>A chart as an image of the given size.</summary>
    public static RgbImage Rasterise(ScottPlot.Plot plot, int width, int height)
    {
        byte[] png = plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);
        var decoded = ImageResult.FromMemory(png, ColorComponents.RedGreenBlue);
        return new RgbImage(decoded.Width, decoded.Height, decoded.Data);
    }

    /// <summary>Centred moving average (shorter windows at the ends), to show a trend through noisy per-step values.</summary>
    public static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        var result = new double[values.Count];
        var prefix = new double[values.Count + 1];
        for (int i = 0; i < values.Count; i++) prefix[i + 1] = prefix[i] + values[i];
        int half = window / 2;
        for (int i = 0; i < values.Count; i++)
        {
            int a = Math.Max(0, i - half), b = Math.Min(values.Count, i + half + 1);
            result[i] = (prefix[b] - prefix[a]) / (b - a);
        }
        return result;
    }
}
