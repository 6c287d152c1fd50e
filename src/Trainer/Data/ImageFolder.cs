using System.Security.Cryptography;
using System.Text;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;

namespace GdpoRealtime.Trainer.Data;

/// <summary>
/// The images of a folder (recursively), split into training and held-out sets by a hash of each file's
/// relative path, so the split is the same on every machine and never changes when files are added.
/// </summary>
public sealed class ImageFolder
{
    private static readonly string[] Extensions = { ".png", ".jpg", ".jpeg", ".tga", ".bmp" };

    public ImageFolder(string root, double heldOutFraction = 0.1)
    {
        if (!Directory.Exists(root))
            throw new ImageInputException($"Data folder '{root}' does not exist", "Pass a folder of images or a capture folder.");
        if (heldOutFraction is < 0 or > 1)
            throw new InvalidSettingException($"Held-out fraction {heldOutFraction} is outside [0, 1]", "Use a value such as 0.1 (1 holds every pair out, for evaluation).");
        Root = Path.GetFullPath(root);
        var files = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new ImageInputException($"Data folder '{root}' holds no PNG, JPEG, TGA or BMP images", "Add images or choose another data folder.") { Setting = Settings.Data };
        Training = files.Where(f => !IsHeldOut(f, heldOutFraction)).ToList();
        HeldOut = files.Where(f => IsHeldOut(f, heldOutFraction)).ToList();
        // A folder too small to hold one out trains on everything, unless everything was asked to be held out.
        if (Training.Count == 0 && heldOutFraction < 1) { Training = HeldOut; HeldOut = new List<string>(); }
    }

    public string Root { get; }
    public IReadOnlyList<string> Training { get; }
    public IReadOnlyList<string> HeldOut { get; }

    public string FullPath(string relative) => Path.Combine(Root, relative);

    /// <summary>Deterministic: the first 32 bits of SHA-256 of the relative path against the fraction.</summary>
    public static bool IsHeldOut(string relativePath, double fraction)
    {
        if (fraction <= 0) return false;
        if (fraction >= 1) return true;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(relativePath));
        uint value = BitConverter.ToUInt32(hash, 0);
        return value < fraction * uint.MaxValue;
    }

    /// <summary>Loads an image prepared as ground truth (see <see cref="ImageShrinker"/>).</summary>
    public RgbImage Load(string relative, int maxSide) => ImageShrinker.Prepare(ImageFile.Load(FullPath(relative)), maxSide);
}
