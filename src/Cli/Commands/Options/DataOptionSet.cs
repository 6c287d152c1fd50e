using System.CommandLine;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Evaluation;
using GdpoRealtime.Trainer.Jobs;

namespace GdpoRealtime.Cli.Commands.Options;

/// <summary>Options choosing and preparing the data: shared by train and eval.</summary>
public sealed class DataOptionSet
{
    public Option<string[]> Data { get; } = new("--data")
    {
        Description = "A capture folder (manifest.json with low-res/ground-truth pairs) or a folder of high-res images (synthetic degradation); " +
                      "repeat it to mix folders (each crop drawn from one of them with equal odds).",
        Required = true,
    };

    public Option<string> Kernels { get; } = new("--kernels")
    {
        DefaultValueFactory = _ => "area,bicubic",
        Description = "Downscale kernels of the synthetic degradation, drawn at random: area, bicubic, point, gaussian (image folders only).",
    };

    public Option<int> MaxSide { get; } = new("--max-side") { DefaultValueFactory = _ => 1024, Description = "Shrink source images whose longer side exceeds this (image folders only)." };

    public Option<double> MinTexture { get; } = new("--min-texture")
    {
        DefaultValueFactory = _ => 0.0,
        Description = "Pick training crops whose ground truth has at least this texture fraction (0 = any crop; 0.6 = texture-rich).",
    };

    public void AddTo(Command command)
    {
        command.Add(Data);
        command.Add(Kernels);
        command.Add(MaxSide);
        command.Add(MinTexture);
    }

    public JobData Job(ParseResult parse, EvaluationOptionSet evaluation)
    {
        var options = Read(parse);
        return new JobData { Folders = parse.GetRequiredValue(Data), Options = options, Evaluation = evaluation.Read(parse, options) };
    }

    public DataOptions Read(ParseResult parse) => new()
    {
        Kernels = DegradationSettings.ParseKernels(parse.GetValue(Kernels) ?? "area"),
        MaxSide = parse.GetValue(MaxSide),
        MinTextureFraction = parse.GetValue(MinTexture),
    };
}
