using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Trainer.Data;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>
/// Side-by-side crops of the most textured held-out regions, where generative detail shows: for the
/// items with the most fine detail in their ground truth, the window with the most detail, as low-res
/// input, bicubic, every model and ground truth, enlarged with nearest-neighbour sampling.
/// </summary>
public static class TexturedCrops
{
    public static RgbImage Compose(EvaluationSet set, IReadOnlyList<(string Label, BatchMethod Upscale)> methods,
        int rows = 6, int cropSide = 48, int zoom = 3)
    {
        var chosen = set.Items
            .Select(item => (item, energy: DetailEnergy(item.HighRes, item.TextureMask)))
            .OrderByDescending(x => x.energy).Take(rows).Select(x => x.item).ToList();
        if (chosen.Count == 0) throw new ArgumentException("The evaluation set is empty.", nameof(set));
        int p = set.Scale.Numerator, q = set.Scale.Denominator;
        var images = new List<RgbImage>();
        foreach (var item in chosen)
        {
            using var scope = NewDisposeScope();
            int side = (int)Math.Min(cropSide, Math.Min(item.HighRes.shape[2], item.HighRes.shape[3])) / p * p;
            var (x, y) = MostDetailedWindow(item.HighRes, side, p);
            Tensor Crop(Tensor high) => high.narrow(2, y, side).narrow(3, x, side);
            var panels = new List<(string, RgbImage)>
            {
                ("low-res", Enlarge(ImageTensors.ToImage(item.LowRes.narrow(2, y * q / p, side * q / p).narrow(3, x * q / p, side * q / p)), zoom * p / q)),
            };
            foreach (var (label, upscale) in methods) panels.Add((label, Enlarge(ImageTensors.ToImage(Crop(upscale(item.LowRes))), zoom)));
            panels.Add(("ground truth", Enlarge(ImageTensors.ToImage(Crop(item.HighRes)), zoom)));
            images.Add(SideBySide.Compose(panels, captionHeight: 22));
        }
        return SideBySide.Stack(images);
    }

    private static double DetailEnergy(Tensor high, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var grey = Rewards.RegionSplit.Grey(high);
        var fine = grey - Degradation.GaussianBlur(grey, 0.7);
        return fine.square().mul(mask).mean().item<float>();
    }

    /// <summary>Top-left corner (multiples of p) of the side x side window with the most fine detail.</summary>
    private static (int X, int Y) MostDetailedWindow(Tensor high, int side, int p)
    {
        using var scope = NewDisposeScope();
        var grey = Rewards.RegionSplit.Grey(high);
        var energy = (grey - Degradation.GaussianBlur(grey, 0.7)).square();
        int stride = Math.Max(p, side / 4 / p * p);
        var pooled = nn.functional.avg_pool2d(energy, side, stride);
        long columns = pooled.shape[3];
        long best = pooled.reshape(-1).argmax().item<long>();
        int y = (int)(best / columns) * stride, x = (int)(best % columns) * stride;
        return (x, y);
    }

    public static RgbImage Enlarge(RgbImage image, int factor) =>
        factor <= 1 ? image : SideBySide.ScaleToHeight(image, image.Height * factor);
}
