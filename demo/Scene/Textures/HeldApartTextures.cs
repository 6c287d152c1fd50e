namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>
/// Texture folders kept apart from training. A folder holding a file named <see cref="MarkerFile"/> (written
/// by scripts/fetch-training-data.sh into data/heldout/, beside the held-apart scene's textures) is
/// held-apart: the held-apart scene takes its textures from such a folder and no training scene may use
/// one, nor a folder with one above or below it (a recursive --textures DIR would reach into it).
/// </summary>
public static class HeldApartTextures
{
    public const string MarkerFile = "HELD-APART";

    /// <summary>Whether <paramref name="folder"/> or a folder above it holds the marker: the whole folder is held-apart.</summary>
    public static bool IsHeldApart(string folder)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(folder)); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, MarkerFile))) return true;
        return false;
    }

    /// <summary>The first held-apart folder a recursive read of <paramref name="folder"/> would reach (itself, above or below), or null.</summary>
    public static string? HeldApartWithin(string folder)
    {
        if (!Directory.Exists(folder)) return null;
        if (IsHeldApart(folder)) return Path.GetFullPath(folder);
        return Directory.EnumerateFiles(folder, MarkerFile, SearchOption.AllDirectories).Select(Path.GetDirectoryName).FirstOrDefault();
    }
}
