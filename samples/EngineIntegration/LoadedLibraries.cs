namespace EngineIntegration;

/// <summary>Which native libraries this process has loaded (Linux: /proc/self/maps), to check what a backend pulled in.</summary>
internal static class LoadedLibraries
{
    /// <summary>The file names of loaded libraries containing <paramref name="part"/>; null where the OS does not tell.</summary>
    public static IReadOnlyList<string>? Matching(string part)
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps)) return null;
        // Each line: address, permissions, offset, device, inode, then the mapped file's path, if any.
        return File.ReadLines(maps)
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is int start and >= 0 ? Path.GetFileName(line[start..].TrimEnd()) : "")
            .Where(name => name.Contains(part, StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .ToList();
    }
}
