using System.Globalization;
using System.Text.Json;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;

namespace GdpoRealtime.Trainer.Data.Capture;

/// <summary>
/// A capture folder (see <see cref="CaptureManifest"/>) read and checked, with its frames split into
/// training and held-out sets. Consecutive frames of a camera path look alike, so the split is by blocks
/// of <see cref="SplitBlockFrames"/> frames (hashed like <see cref="ImageFolder.IsHeldOut"/>): a held-out
/// frame's neighbours are held out with it instead of leaking into training.
/// </summary>
public sealed class CaptureFolder
{
    public const int SplitBlockFrames = 16;

    private CaptureFolder(string root, CaptureManifest manifest, ScaleFactor scale, double heldOutFraction)
    {
        Root = root;
        Manifest = manifest;
        Scale = scale;
        var frames = manifest.Frames.OrderBy(f => f.Index).ToList();
        HeldOut = frames.Where(f => IsHeldOut(f, heldOutFraction)).ToList();
        Training = frames.Where(f => !IsHeldOut(f, heldOutFraction)).ToList();
        // A capture too short to hold a block out trains on everything, unless everything was asked to be held out.
        if (Training.Count == 0 && heldOutFraction < 1) { Training = HeldOut; HeldOut = new List<CapturedFrame>(); }
    }

    public string Root { get; }
    public CaptureManifest Manifest { get; }
    public ScaleFactor Scale { get; }
    public IReadOnlyList<CapturedFrame> Training { get; }
    public IReadOnlyList<CapturedFrame> HeldOut { get; }

    public static bool IsCaptureFolder(string folder) => File.Exists(Path.Combine(folder, CaptureManifest.FileName));

    public static bool IsHeldOut(CapturedFrame frame, double fraction) =>
        ImageFolder.IsHeldOut("block-" + (frame.Index / SplitBlockFrames).ToString(CultureInfo.InvariantCulture), fraction);

    public string FullPath(string relative) => Path.Combine(Root, relative);

    /// <summary>Reads and checks the manifest; every problem names the file and says what to do.</summary>
    public static CaptureFolder Open(string folder, double heldOutFraction = 0.1)
    {
        if (!Directory.Exists(folder))
            throw new ImageInputException($"Data folder '{folder}' does not exist", "Pass a capture folder written by 'gdpo-sr capture' or a folder of images.");
        if (heldOutFraction is < 0 or > 1)
            throw new InvalidSettingException($"Held-out fraction {heldOutFraction} is outside [0, 1]", "Use a value such as 0.1 (1 holds every pair out, for evaluation).");
        string root = Path.GetFullPath(folder);
        string path = Path.Combine(root, CaptureManifest.FileName);
        CaptureManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CaptureManifest>(File.ReadAllBytes(path), CaptureManifest.Json)
                       ?? throw new JsonException("the file is empty");
        }
        catch (JsonException e)
        {
            throw new ImageInputException($"Capture manifest '{path}' is not a valid manifest ({e.Message})", "Capture the frames again with 'gdpo-sr capture', or restore the manifest.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageInputException($"Capture manifest '{path}' cannot be read: {e.Message}", "Check the folder's permissions.", e);
        }
        if (manifest.Format != CaptureManifest.FormatName)
            throw new ImageInputException($"'{path}' has format '{manifest.Format}', not '{CaptureManifest.FormatName}'", "Pass a folder written by 'gdpo-sr capture'.");
        if (manifest.Version > CaptureManifest.CurrentVersion || manifest.Version < 1)
            throw new ImageInputException($"Capture manifest '{path}' has version {manifest.Version}; this build reads version {CaptureManifest.CurrentVersion}",
                manifest.Version > CaptureManifest.CurrentVersion ? "Upgrade GdpoRealtime to read it." : "Capture the frames again.");
        var scale = ParseScale(manifest.Scale, path);
        if (manifest.LowResWidth <= 0 || manifest.LowResHeight <= 0
            || (long)manifest.LowResWidth * scale.Numerator != (long)manifest.Width * scale.Denominator
            || (long)manifest.LowResHeight * scale.Numerator != (long)manifest.Height * scale.Denominator)
            throw new ImageInputException(
                $"Capture manifest '{path}' gives {manifest.LowResWidth}x{manifest.LowResHeight} low-res and {manifest.Width}x{manifest.Height} ground-truth frames, which is not scale {manifest.Scale}",
                "Capture the frames again.");
        if (manifest.Frames.Count == 0)
            throw new ImageInputException($"Capture folder '{root}' holds no frames", "Capture some frames with 'gdpo-sr capture' first.");
        foreach (var frame in manifest.Frames)
        {
            foreach (var relative in new[] { frame.LowRes, frame.Truth })
            {
                if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative))
                    throw new ImageInputException($"Capture manifest '{path}' names frame {frame.Index} with a bad path '{relative}'", "Paths in the manifest must be relative to its folder; capture again.");
                if (!File.Exists(Path.Combine(root, relative)))
                    throw new ImageInputException($"Capture folder '{root}' lacks '{relative}' (frame {frame.Index}), which its manifest names",
                        "Restore the file, or capture again (the manifest is rewritten after each whole pair, so this happens only if files were removed).");
            }
        }
        return new CaptureFolder(root, manifest, scale, heldOutFraction);
    }

    private static ScaleFactor ParseScale(string text, string path)
    {
        try
        {
            return ScaleFactor.Parse(text);
        }
        catch (InvalidSettingException e)
        {
            throw new ImageInputException($"Capture manifest '{path}' has scale '{text}': {e.Cause}", "Capture the frames again at a supported scale.", e);
        }
    }
}
