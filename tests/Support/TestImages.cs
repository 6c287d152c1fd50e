using GdpoRealtime.Runtime.Imaging;

namespace GdpoRealtime.Tests.Support;

/// <summary>The small real images shipped in tests/Images (sources and licences in tests/Images/SOURCES.md).</summary>
public static class TestImages
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Images");

    public static IReadOnlyList<string> Photographs => Files("photo-");
    public static IReadOnlyList<string> GameTextures => Files("texture-");
    public static IReadOnlyList<string> All => Photographs.Concat(GameTextures).ToList();

    public static RgbImage Load(string path) => ImageFile.Load(path);

    private static IReadOnlyList<string> Files(string prefix) =>
        Directory.GetFiles(Folder, prefix + "*.png").Order(StringComparer.Ordinal).ToList();
}
