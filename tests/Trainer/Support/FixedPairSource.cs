using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Training;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Support;

/// <summary>
/// The same training group on every call: crops of the test textures, area-downscaled x2; with
/// <c>flatLeftHalf</c> the left half of each ground truth is a flat grey (a smooth region beside a texture).
/// </summary>
public sealed class FixedPairSource : IPairSource, IDisposable
{
    private readonly Tensor low;
    private readonly Tensor high;

    public FixedPairSource(int count = 2, int highSide = 32, int offset = 40, bool flatLeftHalf = false)
    {
        var crops = TestImages.GameTextures.Take(count)
            .Select(f => ImageTensors.ToTensor(TestImages.Load(f)).narrow(2, offset, highSide).narrow(3, offset, highSide)).ToList();
        high = cat(crops, 0);
        if (flatLeftHalf) high.narrow(3, 0, highSide / 2).fill_(0.45);
        low = Degradation.Downscale(high, ScaleFactor.X2, DownscaleKernel.Area);
        foreach (var crop in crops) crop.Dispose();
    }

    public string Description => "fixed test group";

    public PairBatch NextBatch(int batchSize, int lowResCrop, TrainingRandom random) => new(low.clone(), high.clone());

    public IReadOnlyList<PairBatch> HeldOut(int maxLowResSide) => new[] { new PairBatch(low.clone(), high.clone()) { Name = "fixed" } };

    public void Dispose()
    {
        low.Dispose();
        high.Dispose();
    }
}
