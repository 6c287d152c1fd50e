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
            error.WriteLine($"error: {e.Message}");
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
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Error;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("interrupted: everything written so far is complete.");
            return ExitCodes.Interrupted;
        }
    }
}
