namespace GdpoRealtime.Runtime.IO;

/// <summary>Writes a file so that readers see either the old content or the whole new content, never a part.</summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Runs <paramref name="write"/> on a temporary file next to the target, then renames it over the target.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var pending = new PendingFile(path);
        write(pending.Stream);
        pending.Commit();
    }

    /// <summary>A hidden temporary name next to the target, so the rename stays on one file system.</summary>
    public static string TemporaryPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath) ?? ".", $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
}
