using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.IO;

namespace GdpoRealtime.Demo.Session;

/// <summary>An output folder that is known to be writable before any long work starts.</summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="path"/> (and parents) and proves it writable with a probe file, or throws naming the cause.</summary>
    public static string Prepare(string path, string option)
    {
        string full = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".write-probe-{Environment.ProcessId}");
            AtomicFile.WriteAllBytes(probe, Array.Empty<byte>());
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"Output folder '{path}' ({option}) cannot be written: {e.Message}",
                "Choose a folder you can write to, with free space.", e);
        }
        return full;
    }
}

/// <summary>An output folder that cannot be created or written.</summary>
public sealed class OutputFolderException(string cause, string fix, Exception? inner = null) : GdpoRealtimeException(cause, fix, inner);
