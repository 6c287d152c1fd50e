namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>A mean over images with its standard error (sample standard deviation over sqrt(n)); NaN values are left out.</summary>
public readonly record struct MeanWithError(double Mean, double StandardError, int Count)
{
    public static MeanWithError Of(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return new MeanWithError(double.NaN, double.NaN, 0);
        double mean = finite.Average();
        if (finite.Count == 1) return new MeanWithError(mean, double.NaN, 1);
        double variance = finite.Sum(v => (v - mean) * (v - mean)) / (finite.Count - 1);
        return new MeanWithError(mean, Math.Sqrt(variance / finite.Count), finite.Count);
    }

    /// <summary>The mean of paired differences a_i - b_i (images where both are finite) and its standard error.</summary>
    public static MeanWithError OfDifferences(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        Of(a.Zip(b, (x, y) => double.IsFinite(x) && double.IsFinite(y) ? x - y : double.NaN));

    public string Format(string number) => double.IsNaN(Mean) ? "-" :
        double.IsNaN(StandardError) ? Mean.ToString(number, System.Globalization.CultureInfo.InvariantCulture)
            : $"{Mean.ToString(number, System.Globalization.CultureInfo.InvariantCulture)} ± {StandardError.ToString(number, System.Globalization.CultureInfo.InvariantCulture)}";
}
