using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.IO;

namespace GdpoRealtime.Runtime.Imaging;

/// <summary>
/// A PNG file written row by row under a temporary name and renamed into place by <see cref="Commit"/>: an image of
/// any size is written with memory for a few rows, and a failure or an early dispose leaves no file behind.
/// </summary>
public sealed class PngFileWriter : IDisposable
{
    private readonly PendingFile file;
    private readonly PngRowWriter png;

    public PngFileWriter(string path, int width, int height)
    {
        Path = path;
        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new ImageInputException($"Output folder '{folder}' does not exist", "Create it first or choose another output path.");
        file = Guard(() => new PendingFile(path));
        try
        {
            png = Guard(() => new PngRowWriter(file.Stream, width, height));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public string Path { get; }
    public int RowsWritten => png.RowsWritten;

    public void WriteRows(ReadOnlySpan<byte> rows)
    {
        try { png.WriteRows(rows); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failure(e); }
    }

    /// <summary>Ends the image (every row must be written) and renames the file into place.</summary>
    public void Commit() => Guard(() =>
    {
        png.Finish();
        file.Commit();
        return true;
    });

    public void Dispose()
    {
        png.Dispose();
        file.Dispose();
    }

    private T Guard<T>(Func<T> action)
    {
        try { return action(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failure(e); }
    }

    private ImageInputException Failure(Exception e) => e is UnauthorizedAccessException
        ? new ImageInputException($"Output '{Path}' cannot be written: permission denied", "Choose a writable output path.", e)
        : new ImageInputException($"Output '{Path}' cannot be written: {e.Message}", "Choose a writable output path with free space.", e);
}
