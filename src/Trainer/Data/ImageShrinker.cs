using GdpoRealtime.Runtime.Imaging;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Data;

/// <summary>
/// Prepares source images for use as ground truth: game texture pages are often nearest-neighbour
/// enlargements of smaller art (every 2x2 block one colour), which would teach a model to make blocks,
/// so those are reduced to their native resolution; very large images (wallpapers) are shrunk so that
/// crops hold detail at the scale of game frames.
/// </summary>
public static class ImageShrinker
{
    /// <summary>Fraction of uniform 2x2 blocks above which an image counts as pixel-doubled.</summary>
    public const double DoubledBlockFraction = 0.9;

    public static RgbImage Prepare(RgbImage image, int maxSide) => FitWithin(UndoPixelDoubling(image), maxSide);

    public static RgbImage FitWithin(RgbImage image, int maxSide)
    {
        int longer = Math.Max(image.Width, image.Height);
        if (maxSide <= 0 || longer <= maxSide) return image;
        double factor = maxSide / (double)longer;
        int width = Math.Max(1, (int)Math.Round(image.Width * factor)), height = Math.Max(1, (int)Math.Round(image.Height * factor));
        using var scope = NewDisposeScope();
        var source = ImageTensors.ToTensor(image);
        var shrunk = nn.functional.interpolate(source, size: new long[] { height, width }, mode: InterpolationMode.Area);
        return ImageTensors.ToImage(shrunk);
    }

    /// <summary>Halves the image while it is a nearest-neighbour 2x enlargement.</summary>
    public static RgbImage UndoPixelDoubling(RgbImage image)
    {
        while (image.Width >= 64 && image.Height >= 64 && UniformBlockFraction(image) >= DoubledBlockFraction)
            image = Decimate(image);
        return image;
    }

    public static double UniformBlockFraction(RgbImage image)
    {
        int blocksX = image.Width / 2, blocksY = image.Height / 2, uniform = 0;
        var p = image.Pixels;
        for (int by = 0; by < blocksY; by++)
            for (int bx = 0; bx < blocksX; bx++)
            {
                int a = ((2 * by) * image.Width + 2 * bx) * 3, b = a + 3, c = a + image.Width * 3, d = c + 3;
                bool same = true;
                for (int k = 0; k < 3 && same; k++)
                    same = p[a + k] == p[b + k] && p[a + k] == p[c + k] && p[a + k] == p[d + k];
                if (same) uniform++;
            }
        return uniform / (double)Math.Max(1, blocksX * blocksY);
    }

    private static RgbImage Decimate(RgbImage image)
    {
        var half = new RgbImage(image.Width / 2, image.Height / 2);
        for (int y = 0; y < half.Height; y++)
            for (int x = 0; x < half.Width; x++)
                image.Pixels.AsSpan(((2 * y) * image.Width + 2 * x) * 3, 3).CopyTo(half.Pixels.AsSpan((y * half.Width + x) * 3));
        return half;
    }
}
