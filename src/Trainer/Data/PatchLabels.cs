using GdpoRealtime.Trainer.Rewards;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Data;

/// <summary>
/// The texture labels of one image's patches on the region split's grid (<see cref="RegionSplit.TextureMask"/>:
/// whole 10-pixel patches from the top left; pixels past the last whole patch take its label), filled in only
/// for the patches asked about. A label equals the one <see cref="RegionSplit.TextureMask"/> gives that patch.
/// </summary>
internal sealed class PatchLabels
{
    private const sbyte Unknown = -1;
    private readonly int height, width, rows, columns, patchHeight, patchWidth;
    private readonly sbyte[] grid;

    public PatchLabels(int height, int width)
    {
        this.height = height;
        this.width = width;
        rows = Math.Max(1, height / RegionSplit.PatchSize);
        columns = Math.Max(1, width / RegionSplit.PatchSize);
        patchHeight = Math.Min(RegionSplit.PatchSize, height);
        patchWidth = Math.Min(RegionSplit.PatchSize, width);
        grid = Enumerable.Repeat(Unknown, rows * columns).ToArray();
    }

    public long Labelled => grid.LongCount(l => l != Unknown);

    /// <summary>Labels every still unknown patch under the window, in one batch ([3, H, W] bytes).</summary>
    public void Label(Tensor image, int y, int x, int side)
    {
        var (r0, r1) = (Row(y), Row(y + side - 1));
        var (c0, c1) = (Column(x), Column(x + side - 1));
        var missing = new List<(int Row, int Column)>();
        for (int r = r0; r <= r1; r++)
            for (int c = c0; c <= c1; c++)
                if (grid[r * columns + c] == Unknown) missing.Add((r, c));
        if (missing.Count == 0) return;

        using var scope = NewDisposeScope();
        // Grey of the window's whole patches only (the grey is per pixel), not of the whole frame.
        int top = r0 * patchHeight, left = c0 * patchWidth;
        var region = image.narrow(1, top, (r1 - r0 + 1) * patchHeight).narrow(2, left, (c1 - c0 + 1) * patchWidth);
        var grey = RegionSplit.Grey(region.unsqueeze(0).to(ScalarType.Float32).div_(255.0));
        var patches = cat(missing.Select(p => grey.narrow(2, p.Row * patchHeight - top, patchHeight).narrow(3, p.Column * patchWidth - left, patchWidth)).ToList(), 0);
        var texture = RegionSplit.PatchEntropyBits(patches).mul(100.0).gt(RegionSplit.EntropyThreshold).cpu();
        var values = texture.data<bool>().ToArray();
        for (int i = 0; i < missing.Count; i++) grid[missing[i].Row * columns + missing[i].Column] = values[i] ? (sbyte)1 : (sbyte)0;
    }

    /// <summary>The texture pixel fraction of a window whose patches are all labelled.</summary>
    public double Fraction(int y, int x, int side)
    {
        long texture = 0;
        for (int r = Row(y); r <= Row(y + side - 1); r++)
        {
            int top = Math.Max(y, r * patchHeight), bottom = Math.Min(y + side, r == rows - 1 ? height : (r + 1) * patchHeight);
            for (int c = Column(x); c <= Column(x + side - 1); c++)
            {
                int label = grid[r * columns + c];
                if (label == Unknown) throw new InvalidOperationException($"Patch ({r}, {c}) was not labelled before its window was measured.");
                int left = Math.Max(x, c * patchWidth), right = Math.Min(x + side, c == columns - 1 ? width : (c + 1) * patchWidth);
                texture += label * (long)(bottom - top) * (right - left);
            }
        }
        return texture / (double)((long)side * side);
    }

    private int Row(int pixel) => Math.Min(pixel / patchHeight, rows - 1);
    private int Column(int pixel) => Math.Min(pixel / patchWidth, columns - 1);
}
