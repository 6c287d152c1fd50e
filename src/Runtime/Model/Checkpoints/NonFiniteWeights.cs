namespace GdpoRealtime.Runtime.Model.Checkpoints;

/// <summary>
/// Finds weights that are NaN or infinite. A network with one such weight turns every frame black (or into
/// garbage), so no model or training state holding one is ever written, and none is ever loaded.
/// </summary>
public static class NonFiniteWeights
{
    /// <summary>How many of <paramref name="values"/> are not finite.</summary>
    public static long Count(ReadOnlySpan<float> values)
    {
        long count = 0;
        foreach (float v in values)
            if (!float.IsFinite(v)) count++;
        return count;
    }

    /// <summary>"12 of 9,216 values, first in tensor 'head.weight'" for named tensors with non-finite values; null when all are finite.</summary>
    public static string? Describe(IEnumerable<(string Name, long NonFinite, long Total)> tensors)
    {
        var list = tensors.ToList();
        var bad = list.Where(t => t.NonFinite > 0).ToList();
        if (bad.Count == 0) return null;
        long total = list.Sum(t => t.Total), nonFinite = bad.Sum(t => t.NonFinite);
        string where = bad.Count == 1 ? $"in tensor '{bad[0].Name}'" : $"in {bad.Count} tensors, first '{bad[0].Name}'";
        return $"{nonFinite:N0} of {total:N0} values {where}";
    }
}
