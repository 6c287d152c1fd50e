using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Runtime.Errors;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Demo.Capture;

/// <summary>Where a capture's surface textures come from: the procedural set, or a folder of images (read recursively).</summary>
public sealed record TextureSource(string Label, string? Folder)
{
    public const string ProceduralLabel = "procedural";

    public static readonly TextureSource Procedural = new(ProceduralLabel, null);

    /// <summary>A folder source, labelled by the folder's own name; a clear error when it does not exist.</summary>
    public static TextureSource FromFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ImageInputException($"Texture folder '{folder}' does not exist",
                $"Pass a folder of PNG, JPEG or TGA images to --textures (scripts/fetch-training-data.sh fills data/images), or '{ProceduralLabel}'.");
        return new TextureSource(TextureFolder.LabelOf(folder), Path.GetFullPath(folder));
    }

    /// <summary>"procedural" or a folder path, as --textures takes it.</summary>
    public static TextureSource Parse(string text) =>
        text.Trim().Equals(ProceduralLabel, StringComparison.OrdinalIgnoreCase) ? Procedural : FromFolder(text);

    /// <summary>Whether this source is (or reaches into) a held-apart texture folder.</summary>
    public string? HeldApartFolder => Folder is null ? null : HeldApartTextures.HeldApartWithin(Folder);

    /// <summary>The textures one scene renders with: the procedural set, or the scene's own draw of images from the folder.</summary>
    public TextureSet Load(string scene, int seed, int size, ILogger logger) => Folder is null
        ? TextureSet.Procedural(size)
        : TextureFolder.Load(Folder, size, logger, TextureFolder.SelectionKey(scene, seed), Label);
}
