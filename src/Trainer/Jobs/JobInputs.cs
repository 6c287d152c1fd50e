using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Evaluation;

namespace GdpoRealtime.Trainer.Jobs;

/// <summary>The data of a job: folders (capture folders or image folders, mixed in equal shares) and how they become pairs.</summary>
public sealed record JobData
{
    /// <summary>The folders as the user gave them: the model's record names them so, never as this machine resolves them.</summary>
    public required IReadOnlyList<string> Folders { get; init; }

    public DataOptions Options { get; init; } = new();

    /// <summary>How the held-out pairs are cut for the scores measured during and after training.</summary>
    public EvaluationOptions Evaluation { get; init; } = new() { MaxItems = 64 };
}

/// <summary>Where a job runs the network.</summary>
public sealed record JobDevice
{
    public DevicePreference Preference { get; init; } = DevicePreference.Auto;

    /// <summary>A CUDA libtorch directory, or null for TORCH_LIB_DIR.</summary>
    public string? TorchLibraryDirectory { get; init; }
}

/// <summary>What a training job writes: the model, and its run folder (state, metrics, figure) with its intervals.</summary>
public sealed record JobOutput
{
    /// <summary>The .gdpo model written at the end (atomically).</summary>
    public required string ModelPath { get; init; }

    /// <summary>The run folder; default: next to the model, named after it with "-run".</summary>
    public string? RunFolder { get; init; }

    public bool Resume { get; init; }
    public int CheckpointEvery { get; init; } = 250;
    public int EvaluateEvery { get; init; } = 250;

    public string Folder => RunFolder is { Length: > 0 } given ? given
        : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ModelPath)) ?? ".", Path.GetFileNameWithoutExtension(ModelPath) + "-run");

    public void Validate()
    {
        if (!ModelPath.EndsWith(ModelCheckpoint.FileExtension, StringComparison.OrdinalIgnoreCase))
            throw new InvalidSettingException($"The model path '{ModelPath}' is not a {ModelCheckpoint.FileExtension} path", $"Give the model a {ModelCheckpoint.FileExtension} name.");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(ModelPath));
        if (folder is not null && !Directory.Exists(folder))
            throw new InvalidSettingException($"The model's folder '{folder}' does not exist", "Create it first or choose another model path.");
    }
}

/// <summary>What a finished training job made.</summary>
public sealed record TrainingJobResult(string ModelPath, string RunFolder, TrainingRecord Record, Throughput Throughput, long SkippedSteps)
{
    /// <summary>Stage 1 only: how much the noise changes the output on held-out pairs, or null without held-out pairs.</summary>
    public DiversityReport? Diversity { get; init; }
}
