using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Trainer.Data.Capture;

/// <summary>
/// Training pairs from a capture folder: the renderer's own low-res frame and its supersampled ground
/// truth, cropped at the same place (low-res crop corners on multiples of q, so both crops cover the same
/// area at scale p/q) and flipped alike. Frames are decoded once and kept as bytes, so crops are drawn
/// without touching the disk and a resumed run draws exactly the same crops.
/// </summary>
public sealed class CapturePairSource : IPairSource, IDisposable
{
    private readonly List<(string Name, Tensor Low, Tensor High)> training = new();
    private readonly List<(string Name, Tensor Low, Tensor High)> heldOut = new();
    private readonly TexturedCropPicker? picker;

    public CapturePairSource(CaptureFolder folder, double minTextureFraction = 0, ILogger? logger = null, bool loadTraining = true)
    {
        TexturedCropPicker.Validate(minTextureFraction);
        if (minTextureFraction > 0) picker = new TexturedCropPicker(minTextureFraction);
        Folder = folder;
        Scale = folder.Scale;
        logger ??= NullLogger.Instance;
        if (loadTraining)
            foreach (var frame in folder.Training) training.Add(Load(frame));
        foreach (var frame in folder.HeldOut) heldOut.Add(Load(frame));
        long bytes = training.Concat(heldOut).Sum(f => f.Low.numel() + f.High.numel());
        logger.LogInformation("Loaded {Frames} captured frame pairs ({Megabytes:N0} MB in memory)", training.Count + heldOut.Count, bytes / (1024 * 1024));
        picker?.Prepare(training.Select(f => f.High).ToList(), logger);
        var m = folder.Manifest;
        var scenes = m.Frames.Select(f => f.Scene).OfType<string>().Distinct().ToList();
        var sources = m.Frames.Select(f => f.Textures).OfType<string>().Distinct().ToList();
        Description = $"capture folder {folder.Root} (renderer {m.RendererVersion}, {m.LowResWidth}x{m.LowResHeight} -> {m.Width}x{m.Height}, " +
                      (scenes.Count > 0 ? $"scenes {string.Join(", ", scenes)} with {string.Join(", ", sources)} textures, " : "") +
                      $"{m.SupersampleCount} samples per ground-truth pixel; {folder.Training.Count} frames for training, {heldOut.Count} held out)"
                      + (minTextureFraction > 0 ? $", crops with texture fraction >= {minTextureFraction:0.##}" : "");
    }

    public CaptureFolder Folder { get; }
    public ScaleFactor Scale { get; }
    public string Description { get; }

    public PairBatch NextBatch(int batchSize, int lowResCrop, TrainingRandom random)
    {
        int q = Scale.Denominator, p = Scale.Numerator;
        if (training.Count == 0)
            throw new InvalidOperationException("This source was opened for evaluation only: its training frames were not loaded.");
        if (lowResCrop % q != 0)
            throw new InvalidSettingException($"Crop {lowResCrop} is not a multiple of {q} (scale x{Scale})", $"Use a crop divisible by {q}.");
        var manifest = Folder.Manifest;
        if (lowResCrop > manifest.LowResWidth || lowResCrop > manifest.LowResHeight)
            throw new InvalidSettingException($"Crop {lowResCrop} is larger than the captured {manifest.LowResWidth}x{manifest.LowResHeight} frames", "Use a smaller crop.") { Setting = Settings.Crop };
        int highCrop = lowResCrop * p / q;
        using var scope = NewDisposeScope();
        int draws = picker is null ? batchSize : batchSize * TexturedCropPicker.CandidatesPerCrop;
        var positions = new List<(int Frame, int Y, int X)>();
        for (int i = 0; i < draws; i++)
        {
            int frame = random.Next(training.Count);
            var low = training[frame].Low;
            int cellsY = ((int)low.shape[1] - lowResCrop) / q + 1, cellsX = ((int)low.shape[2] - lowResCrop) / q + 1;
            positions.Add((frame, random.Next(cellsY) * q, random.Next(cellsX) * q));
        }
        if (picker is not null)
        {
            var fractions = positions.Select(c => picker.Fraction(c.Frame, training[c.Frame].High, c.Y * p / q, c.X * p / q, highCrop)).ToList();
            positions = picker.Choose(fractions).Select(i => positions[i]).ToList();
        }
        var lows = new List<Tensor>();
        var highs = new List<Tensor>();
        foreach (var (frame, y, x) in positions)
        {
            var low = training[frame].Low.narrow(1, y, lowResCrop).narrow(2, x, lowResCrop);
            var high = training[frame].High.narrow(1, y * p / q, highCrop).narrow(2, x * p / q, highCrop);
            int variant = random.Next(8);
            lows.Add(Augmentation.Apply(low, variant).unsqueeze(0));
            highs.Add(Augmentation.Apply(high, variant).unsqueeze(0));
        }
        var batch = new PairBatch(cat(lows, 0).to(ScalarType.Float32).div_(255.0), cat(highs, 0).to(ScalarType.Float32).div_(255.0));
        batch.LowRes.MoveToOuterDisposeScope();
        batch.HighRes.MoveToOuterDisposeScope();
        return batch;
    }

    public IReadOnlyList<PairBatch> HeldOut(int maxLowResSide)
    {
        int q = Scale.Denominator, p = Scale.Numerator;
        var pairs = new List<PairBatch>();
        foreach (var (name, low, high) in heldOut)
        {
            using var scope = NewDisposeScope();
            int h = (int)Math.Min(low.shape[1], maxLowResSide) / q * q, w = (int)Math.Min(low.shape[2], maxLowResSide) / q * q;
            int y = ((int)low.shape[1] - h) / 2 / q * q, x = ((int)low.shape[2] - w) / 2 / q * q;
            var lowCrop = low.narrow(1, y, h).narrow(2, x, w).unsqueeze(0).to(ScalarType.Float32).div_(255.0);
            var highCrop = high.narrow(1, y * p / q, h * p / q).narrow(2, x * p / q, w * p / q).unsqueeze(0).to(ScalarType.Float32).div_(255.0);
            pairs.Add(new PairBatch(lowCrop.MoveToOuterDisposeScope(), highCrop.MoveToOuterDisposeScope()) { Name = name });
        }
        return pairs;
    }

    private (string, Tensor, Tensor) Load(CapturedFrame frame)
    {
        var m = Folder.Manifest;
        var low = LoadChecked(frame.LowRes, m.LowResWidth, m.LowResHeight, frame.Index);
        var high = LoadChecked(frame.Truth, m.Width, m.Height, frame.Index);
        return (frame.Truth, low, high);
    }

    private Tensor LoadChecked(string relative, int width, int height, int index)
    {
        var image = ImageFile.Load(Folder.FullPath(relative));
        if (image.Width != width || image.Height != height)
            throw new ImageInputException($"Captured frame '{Folder.FullPath(relative)}' (frame {index}) is {image.Width}x{image.Height}, but the manifest says {width}x{height}",
                "Capture the frames again; the folder mixes frames of different sizes.");
        using var scope = NewDisposeScope(); // keeps the intermediate views alive until the copy is made (see HostTensors)
        var bytes = HostTensors.From(image.Pixels, image.Height, image.Width, 3);
        return bytes.permute(2, 0, 1).contiguous().MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        picker?.Dispose();
        foreach (var (_, low, high) in training.Concat(heldOut))
        {
            low.Dispose();
            high.Dispose();
        }
    }
}
