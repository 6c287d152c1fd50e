using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Trainer.Training.Runs;

/// <summary>
/// A run stopped because several steps in a row had non-finite losses or gradients, each on two attempts. Nothing
/// non-finite was applied or written: the run's last training state (if any) resumes.
/// </summary>
public sealed class TrainingDivergedException(string stage, int step, int stepsInARow, IReadOnlyList<string> nonFiniteTerms, long lastCheckpointStep)
    : GdpoRealtimeException(
        $"{stage} stopped at step {step}: {string.Join(", ", nonFiniteTerms)} not finite in {stepsInARow} steps in a row (each tried twice on its batch)",
        "Lower the learning rate; if that does not help, check that this machine computes reproducibly (the doctor command); " +
        (lastCheckpointStep > 0 ? $"resuming continues from the last checkpoint, step {lastCheckpointStep}." : "no checkpoint was written yet, so start the run again."))
{
    public string Stage { get; } = stage;
    public int Step { get; } = step;
    public IReadOnlyList<string> NonFiniteTerms { get; } = nonFiniteTerms;
    public long LastCheckpointStep { get; } = lastCheckpointStep;
}
