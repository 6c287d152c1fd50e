using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.IO;

namespace GdpoRealtime.Cli.Commands;

/// <summary>Refuses an upscale whose outputs would land on its input or on each other, by any path (links included), before any work.</summary>
public static class UpscalePaths
{
    public static void CheckDistinct(string input, string output, string? sideBySide)
    {
        if (FileIdentity.SameFile(input, output))
            throw new InvalidSettingException(Describe("OUT", output, "IN", input), "Write the output to another path; the input is never overwritten.");
        if (sideBySide is null) return;
        if (FileIdentity.SameFile(input, sideBySide))
            throw new InvalidSettingException(Describe("--side-by-side", sideBySide, "IN", input), "Write the comparison to another path; the input is never overwritten.");
        if (FileIdentity.SameFile(output, sideBySide))
            throw new InvalidSettingException(Describe("--side-by-side", sideBySide, "OUT", output), "Give the comparison and the output different paths.");
    }

    private static string Describe(string what, string path, string other, string otherPath) =>
        path == otherPath ? $"{what} '{path}' is the same file as {other}"
            : $"{what} '{path}' is the same file as {other} '{otherPath}' (through a link or another spelling of the path)";
}
