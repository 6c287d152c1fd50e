using System.Diagnostics;
using System.Text.Json;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Trainer.Diagnostics;

namespace GdpoRealtime.Cli.Commands.Doctor;

/// <summary>
/// Runs the reproducibility probe in a fresh gdpo-sr process (`doctor --probe`), so that settings read when libtorch
/// loads (DNNL_MAX_CPU_ISA, OMP_NUM_THREADS) take effect, and each run starts as a user's run would.
/// </summary>
public static class ProbeProcess
{
    /// <summary>The program this process runs (gdpo-sr.dll), started through the dotnet host that runs this process.</summary>
    private static ProcessStartInfo StartInfo(ComputeSetting setting, IEnumerable<string> arguments)
    {
        string program = typeof(ProbeProcess).Assembly.Location;
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromCli && File.Exists(fromCli) ? fromCli
            : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(program);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in setting.Environment) info.Environment[name] = value;
        return info;
    }

    public static ProbeResult Run(ComputeSetting setting, ReproducibilityProbe.Settings settings)
    {
        var arguments = new List<string> { "doctor", "--probe", "--steps", settings.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (settings.Trace) arguments.Add("--trace");
        var (code, output, error) = Execute(StartInfo(setting, arguments));
        string? json = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (code != 0 || json is null)
            throw new ComputeSetupException($"The probe process ({setting.Name}) failed with exit code {code}: {LastLine(error)}",
                "Run 'gdpo-sr doctor --probe' to see its output.");
        return JsonSerializer.Deserialize<ProbeResult>(json)
               ?? throw new ComputeSetupException($"The probe process ({setting.Name}) printed no result", "Run 'gdpo-sr doctor --probe' to see its output.");
    }

    /// <summary>The kernel family oneDNN picks on this machine, from its verbose start-up line ("isa:..."), or null.</summary>
    public static string? OneDnnIsa()
    {
        var verbose = new ComputeSetting("oneDNN verbose", new Dictionary<string, string> { ["DNNL_VERBOSE"] = "1", ["ONEDNN_VERBOSE"] = "1" }, "");
        var (_, output, _) = Execute(StartInfo(verbose, new[] { "doctor", "--probe", "--steps", "1" }));
        return output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(",isa:", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(",isa:", StringComparison.Ordinal) + 5)..]).FirstOrDefault();
    }

    private static (int Code, string Output, string Error) Execute(ProcessStartInfo info)
    {
        using var process = Process.Start(info) ?? throw new ComputeSetupException("The probe process could not be started", "Check that the dotnet host is on PATH.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
}
