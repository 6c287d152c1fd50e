using System.Diagnostics;

namespace GdpoRealtime.Tests.Support;

/// <summary>Runs gdpo-sr (the copy built next to the tests) as a separate process: for kills and for a changed native environment.</summary>
public static class CliProcess
{
    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "gdpo-sr.dll");

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ProgramPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        if (environment is not null)
            foreach (var (key, value) in environment)
            {
                if (value is null) info.Environment.Remove(key);
                else info.Environment[key] = value;
            }
        return info;
    }

    /// <summary>Runs to completion (or kills after <paramref name="timeout"/>) and returns exit code and output.</summary>
    public static (int ExitCode, string Output, string Error) Run(IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"gdpo-sr {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
