namespace GdpoRealtime.Cli.CommandLine;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad input, a missing library, a failed device: the message says what to do.</summary>
    public const int Error = 1;

    /// <summary>The command line itself was malformed (unknown option, bad value).</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by the user (Ctrl+C); checkpoints and outputs written so far are whole.</summary>
    public const int Interrupted = 130;
}
