using GdpoRealtime.Cli.CommandLine;

namespace GdpoRealtime.Tests.Cli;

/// <summary>Runs gdpo-sr in-process with captured output and error streams.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GdpoCommandLine.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
