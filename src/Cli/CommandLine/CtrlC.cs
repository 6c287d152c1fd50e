namespace GdpoRealtime.Cli.CommandLine;

/// <summary>Ctrl+C as a cancellation: long commands stop at their next step and keep what they finished.</summary>
public static class CtrlC
{
    public static CancellationTokenSource Cancels()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            source.Cancel();
        };
        return source;
    }
}
