using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>
/// Loads a user's PNG, JPEG, TGA (or BMP) files, from the folder and every folder below it, to replace the
/// opaque surface textures of the scene: images are assigned to <see cref="ReplaceableSlots"/> in order
/// (cycling when there are fewer images than slots), each resized to the layer size. The order is the
/// files' relative paths, or, given a selection key (a scene and a seed), a shuffle by a hash of key and
/// path, so each scene draws its own images from a large folder and adding files keeps the others' order.
/// Only the images a set needs are decoded. The alpha-tested grate, mesh, grass and leaves, the sign and
/// pattern sheets and the Siemens star stay procedural: they carry the thin-feature, text and pattern
/// content whatever the folder holds.
/// </summary>
public static class TextureFolder
{
    public static readonly IReadOnlyList<TextureSlot> ReplaceableSlots = new[]
    {
        TextureSlot.Bricks, TextureSlot.Paving, TextureSlot.Fabric, TextureSlot.Plaster, TextureSlot.Wood,
        TextureSlot.Hedge, TextureSlot.Checker, TextureSlot.Stripes, TextureSlot.Metal,
        TextureSlot.Tiles, TextureSlot.Concrete, TextureSlot.Corrugated, TextureSlot.Bark,
    };

    private static readonly string[] Extensions = { ".png", ".jpg", ".jpeg", ".tga", ".bmp" };

    /// <summary>The image files under <paramref name="folder"/> (recursively), by relative path; a clear error when the folder is missing.</summary>
    public static IReadOnlyList<string> ImageFiles(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ImageInputException($"Texture folder '{folder}' does not exist", "Pass a folder of PNG, JPEG or TGA images to --textures.");
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .OrderBy(f => Relative(folder, f), StringComparer.Ordinal)
            .ToList();
    }

    /// <param name="folder">The folder; images below it are found too.</param>
    /// <param name="size">Side of every layer.</param>
    /// <param name="logger">Skipped files are logged as warnings.</param>
    /// <param name="selectionKey">Null: images in path order. Otherwise the images are shuffled by a hash of this key and each path.</param>
    /// <param name="label">Names the set in renderer versions and manifests (default: the folder's name).</param>
    public static TextureSet Load(string folder, int size, ILogger logger, string? selectionKey = null, string? label = null)
    {
        var files = ImageFiles(folder);
        var ordered = selectionKey is null
            ? files
            : files.OrderBy(f => SelectionHash(selectionKey, Relative(folder, f))).ThenBy(f => Relative(folder, f), StringComparer.Ordinal).ToList();
        var images = new List<(string Name, RgbImage Image)>();
        var rejected = new List<string>();
        foreach (var file in ordered)
        {
            if (images.Count == ReplaceableSlots.Count) break;
            try
            {
                var image = ImageFile.Load(file);
                if (image.Width < 16 || image.Height < 16) throw new ImageInputException($"'{file}' is only {image.Width}x{image.Height}", "Use textures of at least 16x16 pixels.");
                images.Add((Relative(folder, file), image));
            }
            catch (ImageInputException e)
            {
                rejected.Add(Path.GetFileName(file));
                logger.LogWarning("Skipping texture {File}: {Reason}", file, e.Cause);
            }
        }
        if (images.Count == 0)
        {
            string found = files.Count == 0
                ? "it holds no .png, .jpg, .jpeg, .tga or .bmp file"
                : $"none of its {files.Count} image file(s) could be read ({string.Join(", ", rejected.Take(5))})";
            throw new ImageInputException($"Texture folder '{folder}' has no usable images: {found}",
                "Put PNG, JPEG or TGA textures (at least 16x16) in it, or leave out --textures for the built-in ones.");
        }

        var procedural = TextureSet.Procedural(size);
        var layers = procedural.Layers.ToArray();
        for (int i = 0; i < ReplaceableSlots.Count; i++)
        {
            var (name, image) = images[i % images.Count];
            layers[(int)ReplaceableSlots[i]] = Resize(image, size);
            logger.LogDebug("Texture {Slot}: {File}", ReplaceableSlots[i], name);
        }
        logger.LogInformation("Textures: {Count} image(s) from {Folder} replace the procedural surfaces", images.Count, folder);
        // The path stays out of the version (moving the folder changes nothing rendered): the label and the fingerprint name it.
        return new TextureSet(layers, label ?? LabelOf(folder));
    }

    /// <summary>The selection key of a scene's draw from a folder: each scene and seed draws its own images.</summary>
    public static string SelectionKey(string scene, int seed) => $"{scene} seed {seed}";

    /// <summary>The name a folder's textures go by in manifests: its own name ("photos" for data/images/photos).</summary>
    public static string LabelOf(string folder) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));

    private static string Relative(string folder, string file) => Path.GetRelativePath(folder, file).Replace('\\', '/');

    private static ulong SelectionHash(string key, string relativePath)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key + "\n" + relativePath));
        return BitConverter.ToUInt64(bytes, 0);
    }

    /// <summary>Resizes to a square layer with Skia's mipmapped linear filter (good for shrinking and enlarging alike).</summary>
    public static RgbaTexture Resize(RgbImage image, int size)
    {
        var rgba = new byte[image.Width * image.Height * 4];
        for (int i = 0, j = 0; i < image.Pixels.Length; i += 3, j += 4)
        {
            rgba[j] = image.Pixels[i];
            rgba[j + 1] = image.Pixels[i + 1];
            rgba[j + 2] = image.Pixels[i + 2];
            rgba[j + 3] = 255;
        }
        using var source = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, source.GetPixels(), rgba.Length);
        using var resized = source.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        return new RgbaTexture(size, size, resized.Bytes);
    }
}
