using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Trainer.Data;

/// <summary>
/// Pairs made from a folder of high-res images: random crops and flips, then a synthetic degradation with a
/// random kernel (and optional noise and JPEG). Held-out images are degraded with one fixed kernel.
/// With a minimum texture fraction, crops are picked for texture (<see cref="TexturedCropPicker"/>):
/// texture-rich crops are where generative detail matters (FINDINGS.md).
/// </summary>
public sealed class SyntheticPairSource : IPairSource, IDisposable
{
    private readonly List<Tensor> training = new();
    private readonly List<(string Name, Tensor Image)> heldOut = new();
    private readonly ScaleFactor scale;
    private readonly DegradationSettings degradation;
    private readonly DownscaleKernel evaluationKernel;
    private readonly TexturedCropPicker? picker;

    public SyntheticPairSource(ImageFolder folder, ScaleFactor scale, DegradationSettings degradation,
        int maxSide = 1024, DownscaleKernel evaluationKernel = DownscaleKernel.Area, double minTextureFraction = 0, bool loadTraining = true,
        ILogger? logger = null)
    {
        TexturedCropPicker.Validate(minTextureFraction);
        if (minTextureFraction > 0) picker = new TexturedCropPicker(minTextureFraction);
        this.scale = scale;
        this.degradation = degradation;
        this.evaluationKernel = evaluationKernel;
        if (loadTraining)
            foreach (var file in folder.Training) training.Add(Planar(folder.Load(file, maxSide)));
        foreach (var file in folder.HeldOut) heldOut.Add((file, Planar(folder.Load(file, maxSide))));
        picker?.Prepare(training, logger ?? NullLogger.Instance);
        Description = $"images in {folder.Root} ({folder.Training.Count} for training, {heldOut.Count} held out), synthetic x{scale} degradation"
                      + (minTextureFraction > 0 ? $", crops with texture fraction >= {minTextureFraction:0.##}" : "");
    }

    public string Description { get; }
    public int TrainingImages => training.Count;
    public ScaleFactor Scale => scale;

    public PairBatch NextBatch(int batchSize, int lowResCrop, TrainingRandom random)
    {
        if (lowResCrop % scale.Denominator != 0)
            throw new InvalidSettingException($"Crop {lowResCrop} is not a multiple of {scale.Denominator} (scale x{scale})", $"Use a crop divisible by {scale.Denominator}.");
        if (training.Count == 0)
            throw new InvalidOperationException("This source was opened for evaluation only: its training images were not loaded.");
        int highCrop = lowResCrop * scale.Numerator / scale.Denominator;
        var lows = new List<Tensor>();
        var highs = new List<Tensor>();
        using var scope = NewDisposeScope();
        var positions = picker is null ? RandomPositions(batchSize, highCrop, random) : TexturedPositions(batchSize, highCrop, random);
        foreach (var (index, y, x) in positions)
        {
            var crop = training[index].narrow(1, y, highCrop).narrow(2, x, highCrop);
            var augmented = Augmentation.Apply(crop, random.Next(8));
            var high = augmented.unsqueeze(0).to(ScalarType.Float32).div_(255.0);
            lows.Add(Degradation.Apply(high, scale, degradation, random));
            highs.Add(high);
        }
        var batch = new PairBatch(cat(lows, 0), cat(highs, 0));
        batch.LowRes.MoveToOuterDisposeScope();
        batch.HighRes.MoveToOuterDisposeScope();
        return batch;
    }

    public IReadOnlyList<PairBatch> HeldOut(int maxLowResSide)
    {
        var pairs = new List<PairBatch>();
        int maxHigh = maxLowResSide * scale.Numerator / scale.Denominator;
        foreach (var (name, image) in heldOut)
        {
            using var scope = NewDisposeScope();
            int unit = scale.Numerator; // high-res sides must be multiples of p so the low-res side is whole
            int h = Math.Min((int)image.shape[1], maxHigh) / unit * unit, w = Math.Min((int)image.shape[2], maxHigh) / unit * unit;
            if (h < unit * 8 || w < unit * 8) continue;
            int y = ((int)image.shape[1] - h) / 2, x = ((int)image.shape[2] - w) / 2;
            var high = image.narrow(1, y, h).narrow(2, x, w).unsqueeze(0).to(ScalarType.Float32).div_(255.0);
            var low = Degradation.Downscale(high, scale, evaluationKernel);
            pairs.Add(new PairBatch(low.MoveToOuterDisposeScope(), high.MoveToOuterDisposeScope()) { Name = name });
        }
        return pairs;
    }

    private List<(int Image, int Y, int X)> RandomPositions(int count, int highCrop, TrainingRandom random)
    {
        var positions = new List<(int, int, int)>();
        for (int i = 0; i < count; i++)
        {
            int index = PickLargeEnough(highCrop, random);
            var image = training[index];
            positions.Add((index, random.Next((int)image.shape[1] - highCrop + 1), random.Next((int)image.shape[2] - highCrop + 1)));
        }
        return positions;
    }

    private List<(int Image, int Y, int X)> TexturedPositions(int count, int highCrop, TrainingRandom random)
    {
        var candidates = RandomPositions(count * TexturedCropPicker.CandidatesPerCrop, highCrop, random);
        var fractions = candidates.Select(c => picker!.Fraction(c.Image, training[c.Image], c.Y, c.X, highCrop)).ToList();
        return picker!.Choose(fractions).Select(i => candidates[i]).ToList();
    }

    private int PickLargeEnough(int highCrop, TrainingRandom random)
    {
        for (int attempt = 0; attempt < 64; attempt++)
        {
            int index = random.Next(training.Count);
            if (training[index].shape[1] >= highCrop && training[index].shape[2] >= highCrop) return index;
        }
        throw new ImageInputException($"No training image is at least {highCrop}x{highCrop} pixels", "Use larger images or a smaller crop.");
    }

    private static Tensor Planar(RgbImage image)
    {
        using var scope = NewDisposeScope(); // keeps the intermediate views alive until the copy is made (see HostTensors)
        var bytes = HostTensors.From(image.Pixels, image.Height, image.Width, 3);
        return bytes.permute(2, 0, 1).contiguous().MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        picker?.Dispose();
        foreach (var t in training) t.Dispose();
        foreach (var (_, t) in heldOut) t.Dispose();
    }
}
