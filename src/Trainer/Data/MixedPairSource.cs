using GdpoRealtime.Trainer.Training;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Data;

/// <summary>
/// Several data folders as one source: each crop of a batch comes from a folder drawn at random with
/// equal odds (so a small capture of the game weighs as much as a large image set), and the held-out
/// pairs are those of every folder. The draws use the run's own random stream, so a resumed run draws
/// the same batches.
/// </summary>
public sealed class MixedPairSource : IPairSource, IDisposable
{
    private readonly IReadOnlyList<IPairSource> sources;

    public MixedPairSource(IReadOnlyList<IPairSource> sources)
    {
        if (sources.Count < 2) throw new ArgumentException("A mixture needs at least two sources.", nameof(sources));
        this.sources = sources;
    }

    public string Description => "mixed, equal shares: " + string.Join("; ", sources.Select(s => s.Description));

    public IReadOnlyList<IPairSource> Sources => sources;

    public PairBatch NextBatch(int batchSize, int lowResCrop, TrainingRandom random)
    {
        var counts = new int[sources.Count];
        for (int i = 0; i < batchSize; i++) counts[random.Next(sources.Count)]++;
        var parts = new List<PairBatch>();
        try
        {
            for (int s = 0; s < sources.Count; s++)
                if (counts[s] > 0) parts.Add(sources[s].NextBatch(counts[s], lowResCrop, random));
            return new PairBatch(cat(parts.Select(p => p.LowRes).ToList(), 0), cat(parts.Select(p => p.HighRes).ToList(), 0));
        }
        finally
        {
            foreach (var part in parts) part.Dispose();
        }
    }

    public IReadOnlyList<PairBatch> HeldOut(int maxLowResSide) => sources.SelectMany(s => s.HeldOut(maxLowResSide)).ToList();

    public void Dispose()
    {
        foreach (var source in sources) (source as IDisposable)?.Dispose();
    }
}
