using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Demo.Cli;

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
