namespace GdpoRealtime.Runtime.Model.Checkpoints;

/// <summary>How a checkpoint's weights were made: kept in the file so a model always carries its history.</summary>
public sealed record TrainingRecord
{
    /// <summary>"init", "pretrain", "gdpo", "supervised-finetune", "shuffled-control"...</summary>
    public string Stage { get; init; } = "init";
    public long Steps { get; init; }
    public string? Command { get; init; }
    public string? Data { get; init; }
    public string? Device { get; init; }
    public string? Parent { get; init; }
    public string? CreatedUtc { get; init; }
    public string? Notes { get; init; }

    /// <summary>Measured figures (held-out PSNR-Y and the like), by name.</summary>
    public SortedDictionary<string, double> Figures { get; init; } = new();
}
