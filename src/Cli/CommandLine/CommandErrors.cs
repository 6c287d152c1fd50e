using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Trainer.Training.Runs;

namespace GdpoRealtime.Cli.CommandLine;

/// <summary>Turns the product's errors into one line on standard error and an exit code.</summary>
public static class CommandErrors
{
    public static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (InvalidSettingException e)
        {
            error.WriteLine($"error: {WithOption(e)}");
            return ExitCodes.Usage;
        }
        catch (TrainingDivergedException e)
        {
            string resume = e.LastCheckpointStep > 0
                ? $"the same command with --resume continues from its last checkpoint (step {e.LastCheckpointStep})"
                : "no checkpoint was written yet: start again";
            error.WriteLine($"error: {e.Cause}. Try a lower --lr; if the run diverges at random, 'gdpo-sr doctor' tells whether this machine computes reproducibly; {resume}.");
            return ExitCodes.Error;
        }
        catch (GdpoRealtimeException e)
        {
            error.WriteLine($"error: {WithOption(e)}");
            return ExitCodes.Error;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("interrupted: everything written so far is complete.");
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>The libraries' settings and the gdpo-sr options that set them.</summary>
    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        [Settings.Model] = "--model",
        [Settings.Scale] = "--scale",
        [Settings.Device] = "--device",
        [Settings.TorchLibraryDirectory] = "--torch-lib-dir",
        [Settings.RunFolder] = "--run-dir",
        [Settings.Resume] = "--resume",
        [Settings.Data] = "--data",
        [Settings.Crop] = "--crop",
        [Settings.MinTexture] = "--min-texture",
        [Settings.SmoothAnchor] = "--smooth-anchor",
    };

    /// <summary>The message, and the option that changes the setting its fix speaks of (library messages name no flags).</summary>
    public static string WithOption(GdpoRealtimeException e) =>
        e.Setting is { } setting && Options.TryGetValue(setting, out var option) ? $"{e.Message} (option {option})" : e.Message;
}
