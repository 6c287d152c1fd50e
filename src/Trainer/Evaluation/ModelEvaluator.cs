using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>Scores a method (<see cref="BatchMethod"/>) on every item of an evaluation set, batching items of one size.</summary>
public static class ModelEvaluator
{
    public const int BatchSize = 32;

    /// <param name="batchDone">Called after each batch with the batches done and in all.</param>
    public static IReadOnlyList<ImageQuality> Evaluate(BatchMethod method, EvaluationSet set, Action<int, int>? batchDone = null) =>
        Evaluate((_, low, _) => method(low), set, batchDone);

    /// <summary>The ground truth scored against itself: its own texture score (1) and detail ratio (1), the ceiling of the table.</summary>
    public static IReadOnlyList<ImageQuality> EvaluateGroundTruth(EvaluationSet set, Action<int, int>? batchDone = null) =>
        Evaluate((_, _, high) => high.clone(), set, batchDone);

    /// <summary>How many batches <see cref="Evaluate(BatchMethod, EvaluationSet, Action{int, int}?)"/> runs on the set.</summary>
    public static int BatchCount(EvaluationSet set) => Batches(set).Count();

    private static IReadOnlyList<ImageQuality> Evaluate(Func<IReadOnlyList<int>, Tensor, Tensor, Tensor> produce, EvaluationSet set, Action<int, int>? batchDone)
    {
        var results = new ImageQuality[set.Items.Count];
        int shave = PsnrComparison.ShaveFor(set.Scale);
        var batches = Batches(set).ToList();
        int done = 0;
        foreach (var group in batches)
        {
            using var scope = NewDisposeScope();
            var low = cat(group.Select(i => set.Items[i].LowRes).ToList(), 0);
            var high = cat(group.Select(i => set.Items[i].HighRes).ToList(), 0);
            var mask = cat(group.Select(i => set.Items[i].TextureMask).ToList(), 0);
            var estimate = produce(group, low, high);
            var qualities = ImageQuality.Measure(estimate, high, mask, shave);
            for (int k = 0; k < group.Count; k++) results[group[k]] = qualities[k];
            batchDone?.Invoke(++done, batches.Count);
        }
        return results;
    }

    /// <summary>Indices of items grouped by shape, at most <see cref="BatchSize"/> per group, in set order.</summary>
    public static IEnumerable<List<int>> Batches(EvaluationSet set)
    {
        var byShape = set.Items.Select((item, index) => (item, index))
            .GroupBy(x => (x.item.LowRes.shape[2], x.item.LowRes.shape[3]));
        foreach (var shape in byShape)
        {
            var indices = shape.Select(x => x.index).ToList();
            for (int start = 0; start < indices.Count; start += BatchSize)
                yield return indices.GetRange(start, Math.Min(BatchSize, indices.Count - start));
        }
    }
}
