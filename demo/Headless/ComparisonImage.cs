using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Trainer.Evaluation;

namespace GdpoRealtime.Demo.Headless;

/// <summary>
/// One labelled comparison picture: the full frames side by side, and under them the same detailed region
/// of each enlarged 3x with nearest-neighbour sampling, so single pixels can be judged.
/// </summary>
public static class ComparisonImage
{
    public const int Zoom = 3;

    public static RgbImage Compose(IReadOnlyList<(string Label, RgbImage Image)> panels, RgbImage detailSource)
    {
        int width = panels[0].Image.Width, height = panels[0].Image.Height;
        var (x, y, w, h) = MostDetailedRegion(detailSource, Math.Max(4, width / Zoom), Math.Max(4, height / Zoom));
        var full = SideBySide.Compose(panels);
        var crops = SideBySide.Compose(panels
            .Select(p => ($"{p.Label}, {Zoom}x crop at ({x},{y})", SideBySide.ScaleToHeight(p.Image.Crop(x, y, w, h), h * Zoom)))
            .ToList());
        return SideBySide.Stack(new[] { full, crops });
    }

    /// <summary>The window of the given size (on a grid of a quarter of it) with the most gradient energy: where an upscaler is tested hardest.</summary>
    public static (int X, int Y, int Width, int Height) MostDetailedRegion(RgbImage image, int width, int height)
    {
        width = Math.Min(width, image.Width);
        height = Math.Min(height, image.Height);
        var energy = new double[image.Width * image.Height];
        for (int y = 0; y < image.Height - 1; y++)
            for (int x = 0; x < image.Width - 1; x++)
            {
                int i = (y * image.Width + x) * 3;
                double dx = 0, dy = 0;
                for (int c = 0; c < 3; c++)
                {
                    dx += Math.Abs(image.Pixels[i + c] - image.Pixels[i + 3 + c]);
                    dy += Math.Abs(image.Pixels[i + c] - image.Pixels[i + image.Width * 3 + c]);
                }
                energy[y * image.Width + x] = dx + dy;
            }
        int stepX = Math.Max(1, width / 4), stepY = Math.Max(1, height / 4);
        (int, int) best = (0, 0);
        double bestEnergy = -1;
        for (int y = 0; y + height <= image.Height; y += stepY)
            for (int x = 0; x + width <= image.Width; x += stepX)
            {
                double sum = 0;
                for (int row = y; row < y + height; row++)
                    for (int column = x; column < x + width; column++) sum += energy[row * image.Width + column];
                if (sum > bestEnergy)
                {
                    bestEnergy = sum;
                    best = (x, y);
                }
            }
        return (best.Item1, best.Item2, width, height);
    }
}
