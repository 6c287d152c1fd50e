using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Trainer.Rewards;
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

    /// <summary>Texture fraction of a window of ground-truth image <paramref name="index"/> ([3, H, W] bytes).</summary>
    public double Fraction(int index, Tensor image, int y, int x, int side)
    {
        if (!masks.TryGetValue(index, out var mask))
        {
            using var scope = NewDisposeScope();
            var floats = image.unsqueeze(0).to(ScalarType.Float32).div_(255.0);
            mask = RegionSplit.TextureMask(floats)[0, 0].to(ScalarType.Byte).DetachFromDisposeScope();
            masks[index] = mask;
        }
        using var window = mask.narrow(0, y, side).narrow(1, x, side);
        using var sum = window.sum(ScalarType.Int64);
        return sum.item<long>() / (double)(side * side);
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
