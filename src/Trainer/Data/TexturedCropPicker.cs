using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Trainer.Rewards;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Data;

/// <summary>
/// Chooses texture-rich training crops: of <see cref="CandidatesPerCrop"/> random positions drawn for
/// each crop, the first whose window is at least the wanted fraction texture, else the most textured.
/// The texture is the reward's region split of the whole ground-truth image (its 10-pixel patch grid), but
/// only the patches a window touches are ever labelled, each once: mapping every frame up front took about
/// ten minutes for 744 captured 960x540 frames on 2 cores, for a run that looks at a fraction of them.
/// Drawing a fixed number of candidates per crop keeps the random stream, and so resumed runs, exact.
/// </summary>
public sealed class TexturedCropPicker : IDisposable
{
    /// <summary>Random crop positions tried per crop.</summary>
    public const int CandidatesPerCrop = 4;

    private readonly Dictionary<int, PatchLabels> labels = new();

    public TexturedCropPicker(double minTextureFraction)
    {
        Validate(minTextureFraction);
        MinTextureFraction = minTextureFraction;
    }

    public double MinTextureFraction { get; }

    /// <summary>Patches labelled so far, over all images (how much of the data the picker has looked at).</summary>
    public long LabelledPatches => labels.Values.Sum(l => l.Labelled);

    /// <summary>Texture fraction of a window of ground-truth image <paramref name="index"/> ([3, H, W] bytes).</summary>
    public double Fraction(int index, Tensor image, int y, int x, int side)
    {
        if (!labels.TryGetValue(index, out var grid))
            labels[index] = grid = new PatchLabels((int)image.shape[1], (int)image.shape[2]);
        grid.Label(image, y, x, side);
        return grid.Fraction(y, x, side);
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

    public void Dispose() => labels.Clear();
}
