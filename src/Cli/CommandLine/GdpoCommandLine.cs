using System.CommandLine;
using GdpoRealtime.Cli.Commands;

namespace GdpoRealtime.Cli.CommandLine;

/// <summary>The gdpo-sr command tree.</summary>
public static class GdpoCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("GdpoRealtime: real-time neural super-resolution for game frames.")
        {
            UpscaleCommand.Create(),
            TrainCommand.Create(),
            EvalCommand.Create(),
            BenchCommand.Create(),
            DemoCommand.Create(),
            CaptureCommand.Create(),
            ScenesCommand.Create(),
            DoctorCommand.Create(),
            ExportCommand.Create(),
        };
        return root;
    }

    /// <summary>Parses and runs; returns the process exit code (0 ok, 1 error, 2 bad usage).</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) configuration.Error.WriteLine($"error: {e.Message}");
            configuration.Error.WriteLine("Run 'gdpo-sr --help' (or the command with --help) for usage.");
            return ExitCodes.Usage;
        }
        return CommandErrors.Guard(configuration.Error, () => parse.Invoke(configuration));
    }
}
