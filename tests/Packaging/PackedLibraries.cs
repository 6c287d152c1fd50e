using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Packaging;

/// <summary>
/// GdpoRealtime.Runtime and GdpoRealtime.Interop packed from this test build's configuration ('dotnet pack --no-build', as
/// scripts/pack.sh does), once per test run, into a temporary folder.
/// </summary>
internal static class PackedLibraries
{
    private static readonly Lazy<string> Folder = new(Pack);

    public static ZipArchive Open(string id, string extension = "nupkg")
    {
        var path = Directory.GetFiles(Folder.Value, $"{id}.*.{extension}").Single();
        return ZipFile.OpenRead(path);
    }

    private static string Pack()
    {
        var root = RepositoryRoot.Require();
        string configuration = typeof(PackedLibraries).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        string output = Path.Combine(Path.GetTempPath(), "gdpo-packages-" + Guid.NewGuid().ToString("N"));
        foreach (var project in new[] { "src/Runtime/GdpoRealtime.Runtime.csproj", "src/Interop/GdpoRealtime.Interop.csproj" })
        {
            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
            var info = new ProcessStartInfo(dotnet)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root.FullName,
            };
            foreach (var argument in new[] { "pack", project, "-c", configuration, "--no-build", "-o", output, "--nologo", "-v", "q" })
                info.ArgumentList.Add(argument);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"dotnet pack {project} did not finish within 3 minutes");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"dotnet pack {project} -c {configuration} --no-build failed ({process.ExitCode}): {stdout.Result}{stderr.Result}");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(output, recursive: true); }
            catch (IOException) { }
        };
        return output;
    }
}
