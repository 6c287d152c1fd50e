using System.CommandLine;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Jobs;

namespace GdpoRealtime.Cli.Commands.Options;

/// <summary>Options of the held-out evaluation set: shared by train (during training) and eval.</summary>
public sealed class EvaluationOptionSet(int items)
{
    public Option<int> Tile { get; } = new("--eval-tile") { DefaultValueFactory = _ => 48, Description = "Held-out pairs are cut into tiles of this low-res side (0 = whole pairs)." };

    public Option<double?> MinTexture { get; } = new("--eval-min-texture") { Description = "Keep held-out tiles with at least this texture fraction (default: --min-texture)." };

    public Option<int> Items { get; } = new("--eval-items") { DefaultValueFactory = _ => items, Description = "At most this many held-out tiles (evenly spaced)." };

    public void AddTo(Command command)
    {
        command.Add(Tile);
        command.Add(MinTexture);
        command.Add(Items);
    }

    public EvaluationOptions Read(ParseResult parse, DataOptions data) => new()
    {
        Tile = parse.GetValue(Tile),
        MinTextureFraction = parse.GetValue(MinTexture) ?? data.MinTextureFraction,
        MaxItems = parse.GetValue(Items),
    };
}
