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
        var header = new List<string> { "method", "PSNR-Y dB", "SSIM-Y", "smooth PSNR-Y dB", "texture", "detail ratio" };
        if (reference is not null) header.AddRange(new[] { $"Δ PSNR-Y vs {reference.Name}", "Δ smooth PSNR-Y", "Δ texture" });
        var rows = new List<List<string>> { header };
        foreach (var m in methods)
        {
            bool truth = IsGroundTruth(m);
            var row = new List<string>
            {
                m.Name,
                truth ? "-" : m.PsnrY.Format("0.00"),
                truth ? "-" : m.SsimY.Format("0.0000"),
                truth ? "-" : m.SmoothPsnrY.Format("0.00"),
                m.Texture.Format("0.0000"),
                m.DetailRatio.Format("0.000"),
            };
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
        int[] widths = Enumerable.Range(0, header.Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        text.AppendLine($"held-out set: {setDescription}; mean ± standard error over items");
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
            if (index == 0) text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
        return text.ToString();
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
            images = m.Images,
        }),
    }, Json);
}
