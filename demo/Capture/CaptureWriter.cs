using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GdpoRealtime.Demo.Session;
using GdpoRealtime.Runtime.IO;
using GdpoRealtime.Trainer.Data.Capture;

namespace GdpoRealtime.Demo.Capture;

/// <summary>
/// Writes a capture folder on disk (which the trainer's <see cref="CaptureFolder"/> reads), in the format of
/// <see cref="CaptureManifest"/>: DIR/manifest.json, DIR/lowres/ and DIR/truth/ with one PNG per pair, named by the
/// pair's six-digit index. Every file is written under a temporary name and renamed, and the manifest is rewritten
/// after each complete pair, so the manifest never names a missing file; files a killed run left behind (temporaries,
/// a pair the manifest does not name yet) are removed by <see cref="CleanStrays"/> before a run continues.
/// </summary>
public sealed partial class CaptureWriter
{
    public const string LowResFolder = "lowres";
    public const string TruthFolder = "truth";

    public CaptureWriter(string path)
    {
        Path = OutputFolder.Prepare(path, "--out");
        try
        {
            Directory.CreateDirectory(FullPath(LowResFolder));
            Directory.CreateDirectory(FullPath(TruthFolder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"Capture folder '{path}' cannot hold its lowres/ and truth/ folders: {e.Message}",
                "Choose a folder you can write to.", e);
        }
    }

    public string Path { get; }
    public string ManifestPath => System.IO.Path.Combine(Path, CaptureManifest.FileName);

    public static string LowResName(int index) => $"{LowResFolder}/{index.ToString("D6", CultureInfo.InvariantCulture)}.png";
    public static string TruthName(int index) => $"{TruthFolder}/{index.ToString("D6", CultureInfo.InvariantCulture)}.png";

    public string FullPath(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>The manifest in the folder, or null when there is none. A manifest that cannot be read is an error, never overwritten.</summary>
    public CaptureManifest? ReadManifest()
    {
        if (!File.Exists(ManifestPath)) return null;
        try
        {
            var manifest = JsonSerializer.Deserialize<CaptureManifest>(File.ReadAllBytes(ManifestPath), CaptureManifest.Json);
            if (manifest is null || manifest.Format != CaptureManifest.FormatName)
                throw new JsonException($"format is '{manifest?.Format}', not '{CaptureManifest.FormatName}'");
            if (manifest.Version != CaptureManifest.CurrentVersion)
                throw new JsonException($"version {manifest.Version}; this program reads version {CaptureManifest.CurrentVersion}");
            return manifest;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            throw new CaptureFolderException($"'{ManifestPath}' is not a readable capture manifest ({e.Message})",
                "Capture into another folder, or delete the folder if it holds nothing you need.", e);
        }
    }

    /// <summary>Rewrites the manifest atomically: readers see the old or the new one, whole.</summary>
    public void WriteManifest(CaptureManifest manifest) =>
        AtomicFile.Write(ManifestPath, stream => JsonSerializer.Serialize(stream, manifest, CaptureManifest.Json));

    /// <summary>
    /// Removes what a killed run can leave: hidden temporaries, and pair files at or beyond
    /// <paramref name="completePairs"/> (a pair whose files were renamed before the manifest named it).
    /// Returns how many files were removed.
    /// </summary>
    public int CleanStrays(int completePairs)
    {
        int removed = 0;
        foreach (var folder in new[] { Path, FullPath(LowResFolder), FullPath(TruthFolder) })
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                string name = System.IO.Path.GetFileName(file);
                bool temporary = name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);
                bool orphan = folder != Path && PairFile().Match(name) is { Success: true } match
                              && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= completePairs;
                if (!temporary && !orphan) continue;
                File.Delete(file);
                removed++;
            }
        return removed;
    }

    [GeneratedRegex(@"^(\d{6})\.png$")]
    private static partial Regex PairFile();
}

/// <summary>A capture folder that cannot be used: unreadable manifest, settings that do not match, missing files.</summary>
public sealed class CaptureFolderException(string cause, string fix, Exception? inner = null)
    : Runtime.Errors.GdpoRealtimeException(cause, fix, inner);
