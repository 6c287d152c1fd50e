namespace GdpoRealtime.Runtime.Model.Checkpoints;

/// <summary>The JSON header of a checkpoint file.</summary>
internal sealed record CheckpointHeader
{
    public required ModelArchitecture Architecture { get; init; }
    public required ScheduleSettings Schedule { get; init; }
    public required TimestepSettings Timesteps { get; init; }
    public required TrainingRecord Training { get; init; }
    public required List<TensorEntry> Tensors { get; init; }
}

internal sealed record ScheduleSettings(int Steps, double BetaStart, double BetaEnd);

internal sealed record TimestepSettings(int Add, int Diff);

/// <summary>A float32 tensor stored little-endian at <see cref="Offset"/> bytes into the data section.</summary>
internal sealed record TensorEntry(string Name, long[] Shape, long Offset, long Length);
