using System.CommandLine;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Jobs;

namespace GdpoRealtime.Cli.Commands.Options;

/// <summary>Options of a long run: its folder, resume, and how often it checkpoints and evaluates.</summary>
public sealed class RunOptionSet
{
    public Option<string?> Folder { get; } = new("--run-dir") { Description = "Folder of the run's state, metrics and figure (default: next to --out, named after it with '-run')." };

    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue the run in --run-dir exactly where it stopped (same settings required)." };

    public Option<int> CheckpointEvery { get; } = new("--checkpoint-every") { DefaultValueFactory = _ => 250, Description = "Write the training state every N steps (and at the end, and on Ctrl+C)." };

    public Option<int> EvaluateEvery { get; } = new("--eval-every") { DefaultValueFactory = _ => 250, Description = "Evaluate on held-out tiles every N steps (0 = at the start and end only)." };

    public void AddTo(Command command)
    {
        command.Add(Folder);
        command.Add(Resume);
        command.Add(CheckpointEvery);
        command.Add(EvaluateEvery);
    }

    public JobOutput Read(ParseResult parse, string modelPath) => new()
    {
        ModelPath = modelPath, RunFolder = parse.GetValue(Folder), Resume = parse.GetValue(Resume),
        CheckpointEvery = parse.GetValue(CheckpointEvery), EvaluateEvery = parse.GetValue(EvaluateEvery),
    };
}
