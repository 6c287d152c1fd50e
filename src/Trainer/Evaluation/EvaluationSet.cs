using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Rewards;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>How the held-out pairs are cut into the evaluation set.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Side of the low-res tiles the held-out pairs are cut into; 0 evaluates whole pairs.</summary>
    public int Tile { get; init; } = 48;

    /// <summary>Only tiles whose ground truth has at least this texture fraction are kept.</summary>
    public double MinTextureFraction { get; init; }

    /// <summary>At most this many tiles, evenly spaced over all candidates, so the set does not depend on the order of growth.</summary>
    public int MaxItems { get; init; } = 256;

    /// <summary>Held-out pairs are centre-cropped to this low-res side first (bounds memory and time on huge frames).</summary>
    public int MaxLowResSide { get; init; } = 1024;

    public void Validate()
    {
        if (Tile is < 0 or > 4096 || (Tile > 0 && Tile < 16) || MaxItems < 1 || MaxLowResSide < 16 || MinTextureFraction is < 0 or > 1)
            throw new InvalidSettingException($"Evaluation settings are out of range (tile {Tile}, max items {MaxItems}, max side {MaxLowResSide}, min texture {MinTextureFraction})",
                "Use a tile of 0 (whole frames) or 16-4096, at least one item and a texture fraction in [0, 1].");
    }
}

/// <summary>One held-out pair (or tile of one) with its ground truth's texture mask.</summary>
public sealed record EvaluationItem(string Name, Tensor LowRes, Tensor HighRes, Tensor TextureMask) : IDisposable
{
    public double TextureFraction { get; init; }

    public void Dispose()
    {
        LowRes.Dispose();
        HighRes.Dispose();
        TextureMask.Dispose();
    }
}

/// <summary>The held-out pairs, cut into tiles and filtered for texture, that every model is scored on.</summary>
public sealed class EvaluationSet : IDisposable
{
    private EvaluationSet(ScaleFactor scale, List<EvaluationItem> items, string description)
    {
        Scale = scale;
        Items = items;
        Description = description;
    }

    public ScaleFactor Scale { get; }
    public IReadOnlyList<EvaluationItem> Items { get; }
    public string Description { get; }

    /// <summary>The set, or null when the data holds no held-out pairs at all (a small folder: train without held-out scores).</summary>
    public static EvaluationSet? FromHeldOutIfAny(IPairSource source, ScaleFactor scale, EvaluationOptions options)
    {
        var probe = source.HeldOut(16);
        bool any = probe.Count > 0;
        foreach (var pair in probe) pair.Dispose();
        return any ? FromHeldOut(source, scale, options) : null;
    }

    public static EvaluationSet FromHeldOut(IPairSource source, ScaleFactor scale, EvaluationOptions options)
    {
        options.Validate();
        return FromPairs(source.HeldOut(options.MaxLowResSide), source.Description, scale, options);
    }

    /// <summary>The set cut from given held-out pairs, which it disposes.</summary>
    /// <param name="pairDone">Called after each pair is cut and its tiles' texture masks made (the slow part), with the pairs done and in all.</param>
    public static EvaluationSet FromPairs(IReadOnlyList<PairBatch> pairs, string sourceDescription, ScaleFactor scale, EvaluationOptions options,
        Action<int, int>? pairDone = null)
    {
        options.Validate();
        try
        {
            if (pairs.Count == 0)
                throw new ImageInputException($"The data ({sourceDescription}) has no held-out pairs large enough to evaluate on",
                    "Add more images or frames: about one in ten is held out, chosen by a hash of its name.");
            var candidates = new List<EvaluationItem>();
            for (int index = 0; index < pairs.Count; index++)
            {
                var pair = pairs[index];
                for (long b = 0; b < pair.Count; b++)
                {
                    using var low = pair.LowRes.narrow(0, b, 1);
                    using var high = pair.HighRes.narrow(0, b, 1);
                    string name = (pair.Name ?? "pair") + (pair.Count > 1 ? $"#{b}" : "");
                    candidates.AddRange(Cut(name, low, high, scale, options));
                }
                pairDone?.Invoke(index + 1, pairs.Count);
            }
            var kept = candidates.Where(c => c.TextureFraction >= options.MinTextureFraction).ToList();
            foreach (var dropped in candidates.Except(kept)) dropped.Dispose();
            if (kept.Count == 0)
                throw new ImageInputException($"No held-out tile has a texture fraction of at least {options.MinTextureFraction:0.##}",
                    "Lower the minimum texture fraction, or evaluate on more textured frames.") { Setting = Settings.MinTexture };
            var chosen = EvenlySpaced(kept, options.MaxItems);
            foreach (var unused in kept.Except(chosen)) unused.Dispose();
            string what = options.Tile > 0 ? $"{options.Tile}x{options.Tile} low-res tiles" : "whole pairs";
            string description = $"{chosen.Count} {what} from {pairs.Count} held-out pairs"
                                 + (options.MinTextureFraction > 0 ? $" (texture fraction >= {options.MinTextureFraction:0.##})" : "")
                                 + $", mean texture fraction {chosen.Average(c => c.TextureFraction):0.00}";
            return new EvaluationSet(scale, chosen, description);
        }
        finally
        {
            foreach (var pair in pairs) pair.Dispose();
        }
    }

    private static IEnumerable<EvaluationItem> Cut(string pairName, Tensor lowRes, Tensor highRes, ScaleFactor scale, EvaluationOptions options)
    {
        int p = scale.Numerator, q = scale.Denominator;
        long lowHeight = lowRes.shape[2], lowWidth = lowRes.shape[3];
        int tile = options.Tile > 0 ? options.Tile / q * q : 0;
        var regions = new List<(int X, int Y, int W, int H)>();
        if (tile == 0) regions.Add((0, 0, (int)lowWidth, (int)lowHeight));
        else
            for (int y = 0; y + tile <= lowHeight; y += tile)
                for (int x = 0; x + tile <= lowWidth; x += tile)
                    regions.Add((x, y, tile, tile));
        var items = new List<EvaluationItem>();
        foreach (var (x, y, w, h) in regions)
        {
            if (w * p / q < TextureScore.MinimumSide || h * p / q < TextureScore.MinimumSide) continue;
            using var scope = NewDisposeScope(); // the views stay alive until their copies are made; the item's tensors are kept
            var low = lowRes.narrow(2, y, h).narrow(3, x, w).contiguous().MoveToOuterDisposeScope();
            var high = highRes.narrow(2, y * p / q, h * p / q).narrow(3, x * p / q, w * p / q).contiguous().MoveToOuterDisposeScope();
            var mask = RegionSplit.TextureMask(high).MoveToOuterDisposeScope();
            double fraction = RegionSplit.TextureFraction(mask).item<float>();
            string name = pairName + (tile > 0 ? $"@{x},{y}" : "");
            items.Add(new EvaluationItem(name, low, high, mask) { TextureFraction = fraction });
        }
        return items;
    }

    private static List<EvaluationItem> EvenlySpaced(List<EvaluationItem> items, int count)
    {
        if (items.Count <= count) return items;
        return Enumerable.Range(0, count).Select(i => items[(int)((long)i * items.Count / count)]).ToList();
    }

    public void Dispose()
    {
        foreach (var item in Items) item.Dispose();
    }
}
