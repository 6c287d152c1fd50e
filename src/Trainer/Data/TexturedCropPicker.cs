using System.Diagnostics;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Trainer.Rewards;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Data;

/// <summary>
/// Chooses texture-rich training crops: of <see cref="CandidatesPerCrop"/> random positions drawn for
/// each crop, the first whose window is at least the wanted fraction texture, else the most textured.
/// The texture comes from the reward's region split of each whole ground-truth image, computed once per
/// image when a crop first touches it. Drawing a fixed number of candidates per crop keeps the random
/// stream, and so resumed runs, exact.
/// </summary>
public sealed class TexturedCropPicker : IDisposable
{
    /// <summary>Random crop positions tried per crop.</summary>
    public const int CandidatesPerCrop = 4;

    private readonly Dictionary<int, Tensor> masks = new();

    public TexturedCropPicker(double minTextureFraction)
    {
        Validate(minTextureFraction);
        MinTextureFraction = minTextureFraction;
    }

    public double MinTextureFraction { get; }

    /// <summary>
    /// Maps the texture of every training image now rather than when a crop first touches it (seconds per
    /// large image), logging progress, so training steps run at their steady rate from the first.
    /// </summary>
    public void Prepare(IReadOnlyList<Tensor> images, ILogger logger)
    {
        if (images.Count == 0) return;
        var clock = Stopwatch.StartNew();
        var lastLog = TimeSpan.Zero;
        logger.LogInformation("Mapping texture regions of {Count} training images (for the minimum texture fraction)", images.Count);
        for (int i = 0; i < images.Count; i++)
        {
            Mask(i, images[i]);
            if (clock.Elapsed - lastLog > TimeSpan.FromSeconds(10))
            {
                lastLog = clock.Elapsed;
                logger.LogInformation("Texture regions: {Done}/{Count} images, {Seconds:F0} s", i + 1, images.Count, clock.Elapsed.TotalSeconds);
            }
        }
        logger.LogInformation("Texture regions of {Count} images mapped in {Seconds:F1} s", images.Count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Texture fraction of a window of ground-truth image <paramref name="index"/> ([3, H, W] bytes).</summary>
    public double Fraction(int index, Tensor image, int y, int x, int side)
    {
        var mask = Mask(index, image);
        using var window = mask.narrow(0, y, side).narrow(1, x, side);
        using var sum = window.sum(ScalarType.Int64);
        return sum.item<long>() / (double)(side * side);
    }

    private Tensor Mask(int index, Tensor image)
    {
        if (masks.TryGetValue(index, out var mask)) return mask;
        using var scope = NewDisposeScope();
        var floats = image.unsqueeze(0).to(ScalarType.Float32).div_(255.0);
        mask = RegionSplit.TextureMask(floats)[0, 0].to(ScalarType.Byte).DetachFromDisposeScope();
        masks[index] = mask;
        return mask;
    }

    /// <summary>For each crop, the index of the chosen candidate among <paramref name="fractions"/> (crop-major, <see cref="CandidatesPerCrop"/> each).</summary>
    public int[] Choose(IReadOnlyList<double> fractions)
    {
        int crops = fractions.Count / CandidatesPerCrop;
        var chosen = new int[crops];
        for (int crop = 0; crop < crops; crop++)
        {
            int best = crop * CandidatesPerCrop;
            for (int k = 0; k < CandidatesPerCrop; k++)
            {
                int index = crop * CandidatesPerCrop + k;
                if (fractions[index] >= MinTextureFraction) { best = index; break; }
                if (fractions[index] > fractions[best]) best = index;
            }
            chosen[crop] = best;
        }
        return chosen;
    }

    public static void Validate(double minTextureFraction)
    {
        if (minTextureFraction is < 0 or > 1 || double.IsNaN(minTextureFraction))
            throw new InvalidSettingException($"Minimum texture fraction {minTextureFraction} is outside [0, 1]",
                "Use 0 (any crop) up to 1 (texture only), such as 0.6.");
    }

    public void Dispose()
    {
        foreach (var mask in masks.Values) mask.Dispose();
        masks.Clear();
    }
}
