using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>
/// Loads a user's PNG, JPEG, TGA (or BMP) files to replace the opaque surface textures of the scene:
/// images are taken in file-name order and assigned to <see cref="ReplaceableSlots"/> in that order
/// (cycling when there are fewer images), each resized to the layer size. The alpha-tested grate and
/// leaves, the sign text and the Siemens star stay procedural: they carry the scene's thin-feature and
/// text content whatever the folder holds.
/// </summary>
public static class TextureFolder
{
    public static readonly IReadOnlyList<TextureSlot> ReplaceableSlots = new[]
    {
        TextureSlot.Bricks, TextureSlot.Paving, TextureSlot.Fabric, TextureSlot.Plaster, TextureSlot.Wood,
        TextureSlot.Hedge, TextureSlot.Checker, TextureSlot.Stripes, TextureSlot.Metal,
    };

    private static readonly string[] Extensions = { ".png", ".jpg", ".jpeg", ".tga", ".bmp" };

    public static TextureSet Load(string folder, int size, ILogger logger)
    {
        if (!Directory.Exists(folder))
            throw new ImageInputException($"Texture folder '{folder}' does not exist", "Pass a folder of PNG, JPEG or TGA images to --textures.");
        var files = Directory.EnumerateFiles(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToList();
        var images = new List<(string Name, RgbImage Image)>();
        var rejected = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var image = ImageFile.Load(file);
                if (image.Width < 16 || image.Height < 16) throw new ImageInputException($"'{file}' is only {image.Width}x{image.Height}", "Use textures of at least 16x16 pixels.");
                images.Add((Path.GetFileName(file), image));
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
        return new TextureSet(layers, "folder"); // the path stays out of the version: moving the folder changes nothing rendered
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
