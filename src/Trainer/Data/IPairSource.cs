using GdpoRealtime.Trainer.Training;

namespace GdpoRealtime.Trainer.Data;

/// <summary>Where training batches come from: a capture folder or a folder of images with a synthetic degradation.</summary>
public interface IPairSource
{
    /// <summary>What the source is, for logs and training records.</summary>
    string Description { get; }

    /// <summary>Random crops (with flips) for training; the crop size is in low-res pixels.</summary>
    PairBatch NextBatch(int batchSize, int lowResCrop, TrainingRandom random);

    /// <summary>The held-out pairs, whole (or centre crops of at most <paramref name="maxLowResSide"/>), never seen in training.</summary>
    IReadOnlyList<PairBatch> HeldOut(int maxLowResSide);
}
