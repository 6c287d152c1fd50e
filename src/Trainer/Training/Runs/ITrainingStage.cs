namespace GdpoRealtime.Trainer.Training.Runs;

/// <summary>
/// One training stage (stage-1 pretraining, GDPO, its controls) as <see cref="TrainingRun"/> drives it:
/// steps, evaluations, and a state that makes a resumed run continue bit for bit.
/// </summary>
public interface ITrainingStage
{
    /// <summary>"pretrain", "gdpo", "gdpo-shuffled", "supervised-finetune": stored with the state and the model.</summary>
    string Name { get; }

    int TotalSteps { get; }

    /// <summary>The settings that decide the result (JSON): a resume with other settings is refused.</summary>
    string Settings { get; }

    /// <summary>The charts of the run's figure.</summary>
    IReadOnlyList<PlotPanel> Panels { get; }

    /// <summary>The metrics shown next to the progress bar.</summary>
    IReadOnlyList<string> ProgressKeys { get; }

    /// <summary>
    /// Runs optimizer step <paramref name="step"/> (1-based) through <see cref="GuardedStep"/>: applied only when
    /// its loss terms and gradient norms are finite. Returns its metrics and whether it was applied.
    /// </summary>
    StepOutcome Step(int step);

    /// <summary>Held-out scores after <paramref name="step"/> steps (0 = before training). Draws nothing from the training streams.</summary>
    IReadOnlyDictionary<string, double> Evaluate(int step);

    void Save(TrainingState state);

    void Restore(TrainingState state);
}
