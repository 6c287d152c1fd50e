using System.Globalization;
using System.Text;

namespace GdpoRealtime.Demo.Session;

/// <summary>Per-stage timings of a run in milliseconds; summaries exclude the first (warm-up) sample when there are more.</summary>
public sealed class TimingStatistics
{
    private readonly Dictionary<string, List<double>> samples = new(StringComparer.Ordinal);
    private readonly List<string> order = new();

    public void Add(string stage, double milliseconds)
    {
        if (!samples.TryGetValue(stage, out var list))
        {
            list = new List<double>();
            samples[stage] = list;
            order.Add(stage);
        }
        list.Add(milliseconds);
    }

    public IReadOnlyList<string> Stages => order;

    public IReadOnlyList<double> Samples(string stage) => samples.TryGetValue(stage, out var list) ? list : Array.Empty<double>();

    /// <summary>The samples that count: all but the first when there are at least two.</summary>
    public IReadOnlyList<double> Measured(string stage)
    {
        var all = Samples(stage);
        return all.Count > 1 ? all.Skip(1).ToList() : all;
    }

    public double Median(string stage)
    {
        var sorted = Measured(stage).Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public double Mean(string stage) => Measured(stage) is { Count: > 0 } m ? m.Average() : double.NaN;

    /// <summary>A plain-text table: stage, samples, median, mean, min, max.</summary>
    public string Table(string title)
    {
        var text = new StringBuilder();
        int width = Math.Max(12, order.Count == 0 ? 0 : order.Max(s => s.Length));
        text.AppendLine(title);
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"stage".PadRight(width)}  {"n",3}  {"median",9}  {"mean",9}  {"min",9}  {"max",9}");
        foreach (var stage in order)
        {
            var measured = Measured(stage);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {stage.PadRight(width)}  {measured.Count,3}  {Median(stage),7:F1}ms  {Mean(stage),7:F1}ms  {measured.Min(),7:F1}ms  {measured.Max(),7:F1}ms");
        }
        return text.ToString();
    }

    /// <summary>
    /// A stage's CSV column: its name in lower-case words joined by underscores, in milliseconds ("  model: handoff in"
    /// becomes "model_handoff_in_ms"), so spreadsheets and pandas take it as is.
    /// </summary>
    public static string ColumnName(string stage)
    {
        var words = System.Text.RegularExpressions.Regex.Split(stage.ToLowerInvariant(), "[^a-z0-9]+").Where(w => w.Length > 0);
        return string.Join('_', words) + "_ms";
    }

    /// <summary>Every sample as CSV, one row per frame: frame, then one column per stage.</summary>
    public string Csv()
    {
        var text = new StringBuilder();
        text.AppendLine("frame," + string.Join(',', order.Select(ColumnName)));
        int rows = order.Count == 0 ? 0 : order.Max(s => samples[s].Count);
        for (int row = 0; row < rows; row++)
            text.AppendLine(row.ToString(CultureInfo.InvariantCulture) + "," + string.Join(',', order.Select(s =>
                row < samples[s].Count ? samples[s][row].ToString("F2", CultureInfo.InvariantCulture) : "")));
        return text.ToString();
    }
}
