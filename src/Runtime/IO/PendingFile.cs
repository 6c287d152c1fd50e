namespace GdpoRealtime.Runtime.IO;

/// <summary>
/// A file being written under a temporary name next to its target: <see cref="Commit"/> renames it over the target,
/// disposing without a commit deletes it. For writers that keep several outputs open at once (each stays whole or
/// absent); <see cref="AtomicFile.Write"/> is the one-call form.
/// </summary>
public sealed class PendingFile : IDisposable
{
    private readonly FileStream stream;
    private bool committed;
    private bool disposed;

    public PendingFile(string path)
    {
        TargetPath = Path.GetFullPath(path);
        TemporaryPath = AtomicFile.TemporaryPathFor(TargetPath);
        stream = new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
    }

    public string TargetPath { get; }
    public string TemporaryPath { get; }
    public Stream Stream => stream;

    /// <summary>Flushes to disk and renames the temporary file over the target.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(disposed || committed, this);
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        File.Move(TemporaryPath, TargetPath, overwrite: true);
        committed = true;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (committed) return;
        stream.Dispose();
        try { File.Delete(TemporaryPath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
