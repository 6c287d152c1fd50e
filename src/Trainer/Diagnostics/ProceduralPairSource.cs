using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Training;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Diagnostics;

/// <summary>
/// Training pairs made in memory from a seed, needing no files: textured images (oriented gratings at several
/// frequencies, hard-edged blocks, smooth gradients and fine noise), area-downscaled x2 for the low-res side. For
/// checks of the machine (the doctor's reproducibility probe), not for training a model anyone uses.
/// </summary>
public sealed class ProceduralPairSource : IPairSource, IDisposable
{
    private readonly Tensor highRes;
    private readonly Tensor lowRes;
    public ProceduralPairSource(ulong seed, int images = 8, int side = 128)
    {
        using var generator = new Generator(seed);
        using var scope = NewDisposeScope();
        var y = linspace(0, 1, side).reshape(1, 1, side, 1).expand(images, 1, side, side);
        var x = linspace(0, 1, side).reshape(1, 1, 1, side).expand(images, 1, side, side);
        Tensor Uniform(long n, double low, double high) => rand(new[] { n, 3, 1, 1 }, generator: generator).mul(high - low).add(low);
        var angle = Uniform(images, 0, Math.PI);
        var frequency = Uniform(images, 6, 40);
        var grating = (x * angle.cos() + y * angle.sin()).mul(frequency).mul(2 * Math.PI).sin().mul(0.25);
        var blocks = (x.mul(Uniform(images, 2, 8)).floor() + y.mul(Uniform(images, 2, 8)).floor()).remainder(2).mul(0.2);
        var gradient = x.mul(Uniform(images, -0.3, 0.3)) + y.mul(Uniform(images, -0.3, 0.3));
        var fine = randn(new long[] { images, 3, side, side }, generator: generator).mul(0.05);
        var image = (grating + blocks + gradient + fine).add(0.4).clamp(0, 1);
        highRes = image.contiguous().DetachFromDisposeScope();
        lowRes = Degradation.Downscale(highRes, ScaleFactor.X2, DownscaleKernel.Area).DetachFromDisposeScope();
    }

    public string Description => $"procedural textures ({highRes.shape[0]} images of {highRes.shape[3]}x{highRes.shape[2]})";

    public PairBatch NextBatch(int batchSize, int lowResCrop, TrainingRandom random)
    {
        long lowSide = lowRes.shape[2];
        if (lowResCrop > lowSide) throw new ArgumentOutOfRangeException(nameof(lowResCrop), $"Crops of {lowResCrop} exceed the {lowSide}-pixel images.");
        using var scope = NewDisposeScope();
        var lows = new List<Tensor>();
        var highs = new List<Tensor>();
        for (int i = 0; i < batchSize; i++)
        {
            int image = random.Next((int)lowRes.shape[0]);
            int top = random.Next((int)(lowSide - lowResCrop + 1)), left = random.Next((int)(lowSide - lowResCrop + 1));
            lows.Add(lowRes[image].narrow(1, top, lowResCrop).narrow(2, left, lowResCrop).unsqueeze(0));
            highs.Add(highRes[image].narrow(1, top * 2, lowResCrop * 2).narrow(2, left * 2, lowResCrop * 2).unsqueeze(0));
        }
        return new PairBatch(cat(lows, 0).MoveToOuterDisposeScope(), cat(highs, 0).MoveToOuterDisposeScope());
    }

    public IReadOnlyList<PairBatch> HeldOut(int maxLowResSide) => Array.Empty<PairBatch>();

    public void Dispose()
    {
        highRes.Dispose();
        lowRes.Dispose();
    }
}
