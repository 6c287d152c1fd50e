using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>The scores of one method (bicubic, a model, the ground truth) on every item of an evaluation set.</summary>
public sealed record MethodScores(string Name, IReadOnlyList<ImageQuality> Images)
{
    public MeanWithError PsnrY => MeanWithError.Of(Images.Select(i => i.PsnrY));
    public MeanWithError SsimY => MeanWithError.Of(Images.Select(i => i.SsimY));
    public MeanWithError SmoothPsnrY => MeanWithError.Of(Images.Select(i => i.SmoothPsnrY));
    public MeanWithError Texture => MeanWithError.Of(Images.Select(i => i.Texture));
    public MeanWithError DetailRatio => MeanWithError.Of(Images.Select(i => i.DetailRatio));
    public MeanWithError TexturePsnrY => MeanWithError.Of(Images.Select(i => i.TexturePsnrY));
    public MeanWithError TextureGms => MeanWithError.Of(Images.Select(i => i.TextureGms));

    public MeanWithError Of(ReportMetric metric) => MeanWithError.Of(Images.Select(metric.Pick));
}

/// <summary>A column of the evaluation table.</summary>
/// <param name="ForGroundTruth">Whether the ground truth's own row shows it (scores against itself that are not trivially perfect).</param>
public sealed record ReportMetric(string Name, Func<ImageQuality, double> Pick, string Number, bool ForGroundTruth)
{
    /// <summary>The table's columns: fidelity (PSNR-Y, SSIM-Y), the texture regions judged from outside the reward (PSNR-Y,
    /// gradient-magnitude similarity, fine-detail ratio), smooth regions, and last the reward's own texture score.</summary>
    public static IReadOnlyList<ReportMetric> All { get; } = new ReportMetric[]
    {
        new("PSNR-Y dB", i => i.PsnrY, "0.00", false),
        new("SSIM-Y", i => i.SsimY, "0.0000", false),
        new("texture PSNR-Y dB", i => i.TexturePsnrY, "0.00", false),
        new("texture GMS", i => i.TextureGms, "0.0000", false),
        new("detail ratio", i => i.DetailRatio, "0.000", true),
        new("smooth PSNR-Y dB", i => i.SmoothPsnrY, "0.00", false),
        new("texture score", i => i.Texture, "0.0000", true),
    };
}

/// <summary>The evaluation table: every method's means with standard errors over the held-out items, and
/// paired differences against a reference method (paired over the same items, so far tighter than the
/// spread of the means).</summary>
public sealed class EvaluationReport(string setDescription, IReadOnlyList<MethodScores> methods, string? referenceName)
{
    public string SetDescription => setDescription;
    public IReadOnlyList<MethodScores> Methods => methods;
    public string? ReferenceName => referenceName;

    public string Format()
    {
        var reference = methods.FirstOrDefault(m => m.Name == referenceName);
        var header = new List<string> { "method" };
        header.AddRange(ReportMetric.All.Select(m => m.Name));
        if (reference is not null) header.AddRange(new[] { $"Δ PSNR-Y vs {reference.Name}", "Δ smooth PSNR-Y", "Δ texture score" });
        var rows = new List<List<string>> { header };
        foreach (var m in methods)
        {
            bool truth = IsGroundTruth(m);
            var row = new List<string> { m.Name };
            row.AddRange(ReportMetric.All.Select(metric => truth && !metric.ForGroundTruth ? "-" : m.Of(metric).Format(metric.Number)));
            if (reference is not null)
            {
                if (ReferenceEquals(m, reference) || truth) row.AddRange(new[] { "", "", "" });
                else
                {
                    row.Add(Signed(Difference(m, reference, i => i.PsnrY), "0.000"));
                    row.Add(Signed(Difference(m, reference, i => i.SmoothPsnrY), "0.000"));
                    row.Add(Signed(Difference(m, reference, i => i.Texture), "0.0000"));
                }
            }
            rows.Add(row);
        }
        var text = new StringBuilder();
        text.AppendLine($"held-out set: {setDescription}; mean ± standard error over items");
        AppendTable(text, rows);
        string seeds = FormatSeeds();
        if (seeds.Length > 0) text.AppendLine().Append(seeds);
        return text.ToString();
    }

    /// <summary>
    /// Settings trained with several seeds ("gdpo-s1", "gdpo-s2": one family, <see cref="MethodFamilies.Of"/>): each score's
    /// mean and standard deviation over the seeds' means, and each family's gap over the control family (a name with
    /// "shuffled" or "control") in units of the controls' standard deviation. Empty when no family has two members.
    /// </summary>
    public string FormatSeeds()
    {
        var families = methods.Where(m => !IsGroundTruth(m)).GroupBy(m => MethodFamilies.Of(m.Name)).Where(g => g.Count() >= 2).ToList();
        if (families.Count == 0) return "";
        var header = new List<string> { "family", "seeds" };
        header.AddRange(ReportMetric.All.Select(m => m.Name));
        var rows = new List<List<string>> { header };
        var spreads = new Dictionary<string, (double Mean, double Sd)[]>();
        foreach (var family in families)
        {
            var stats = ReportMetric.All.Select(metric => MeanAndSd(family.Select(m => m.Of(metric).Mean).ToList())).ToArray();
            spreads[family.Key] = stats;
            var row = new List<string> { family.Key, family.Count().ToString(CultureInfo.InvariantCulture) };
            row.AddRange(stats.Select((st, c) => double.IsNaN(st.Mean) ? "-" :
                $"{st.Mean.ToString(ReportMetric.All[c].Number, CultureInfo.InvariantCulture)} ± {st.Sd.ToString(ReportMetric.All[c].Number, CultureInfo.InvariantCulture)}"));
            rows.Add(row);
        }
        var text = new StringBuilder();
        text.AppendLine("over seeds: mean ± standard deviation of the seeds' means");
        AppendTable(text, rows);
        var control = families.Select(f => f.Key).FirstOrDefault(MethodFamilies.IsControl);
        if (control is not null)
            foreach (var family in families.Where(f => f.Key != control))
            {
                var gaps = ReportMetric.All.Select((metric, c) =>
                {
                    var (mean, _) = spreads[family.Key][c];
                    var (controlMean, controlSd) = spreads[control][c];
                    double gap = (mean - controlMean) / controlSd;
                    return $"{metric.Name} {(double.IsFinite(gap) ? gap.ToString("+0.0;-0.0", CultureInfo.InvariantCulture) : "-")}";
                });
                text.AppendLine($"gap of {family.Key} over {control}, in {control}'s standard deviations: {string.Join(", ", gaps)}");
            }
        return text.ToString();
    }

    private static (double Mean, double Sd) MeanAndSd(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return (double.NaN, double.NaN);
        double mean = finite.Average();
        double sd = finite.Count < 2 ? double.NaN : Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (finite.Count - 1));
        return (mean, sd);
    }

    private static void AppendTable(StringBuilder text, List<List<string>> rows)
    {
        int[] widths = Enumerable.Range(0, rows[0].Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
            if (index == 0) text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
    }

    /// <summary>Is this the ground truth's own row (its PSNR is infinite or capped on every item)?</summary>
    public static bool IsGroundTruth(MethodScores m) => m.Images.All(i => double.IsInfinity(i.PsnrY) || i.PsnrY >= 99.99);

    /// <summary>The paired difference of one score, method minus reference, over the same items.</summary>
    public static MeanWithError Difference(MethodScores method, MethodScores reference, Func<ImageQuality, double> pick) =>
        MeanWithError.OfDifferences(Values(method, pick), Values(reference, pick));

    private static IReadOnlyList<double> Values(MethodScores m, Func<ImageQuality, double> pick) => m.Images.Select(pick).ToList();

    private static string Signed(MeanWithError d, string number) => double.IsNaN(d.Mean) ? "-" :
        $"{(d.Mean >= 0 ? "+" : "")}{d.Mean.ToString(number, CultureInfo.InvariantCulture)} ± {d.StandardError.ToString(number, CultureInfo.InvariantCulture)}";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Every per-item score, for later aggregation across runs and seeds.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        set = setDescription,
        reference = referenceName,
        methods = methods.Select(m => new
        {
            name = m.Name,
            psnrY = m.PsnrY, ssimY = m.SsimY, smoothPsnrY = m.SmoothPsnrY, texture = m.Texture, detailRatio = m.DetailRatio,
            texturePsnrY = m.TexturePsnrY, textureGms = m.TextureGms,
            images = m.Images,
        }),
    }, Json);
}
