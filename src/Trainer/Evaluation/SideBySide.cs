using GdpoRealtime.Trainer.Imaging;
using GdpoRealtime.Runtime.Imaging;
using SkiaSharp;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>
/// Composes labelled panels left to right, with a caption strip above each, for comparisons people look at.
/// Panels of different sizes are scaled to the first panel's height with nearest-neighbour sampling, so
/// every pixel a model produced stays visible.
/// </summary>
public static class SideBySide
{
    private const int Gap = 4;

    public static RgbImage Compose(IReadOnlyList<(string Label, RgbImage Image)> panels, int captionHeight = 28)
    {
        if (panels.Count == 0) throw new ArgumentException("Nothing to compose.", nameof(panels));
        int height = panels[0].Image.Height;
        var scaled = panels.Select(p => (p.Label, Image: ScaleToHeight(p.Image, height))).ToList();
        int width = scaled.Sum(p => p.Image.Width) + Gap * (scaled.Count - 1);
        var canvas = new RgbImage(width, height + captionHeight);
        canvas.Fill(24, 24, 24);
        int x = 0;
        foreach (var (_, image) in scaled)
        {
            canvas.Paste(image, x, captionHeight);
            x += image.Width + Gap;
        }
        DrawCaptions(canvas, scaled.Select(p => (p.Label, p.Image.Width)).ToList(), captionHeight);
        return canvas;
    }

    /// <summary>Stacks rows of panels (each made by <see cref="Compose"/>) top to bottom.</summary>
    public static RgbImage Stack(IReadOnlyList<RgbImage> rows)
    {
        int width = rows.Max(r => r.Width), height = rows.Sum(r => r.Height) + Gap * (rows.Count - 1);
        var canvas = new RgbImage(width, height);
        canvas.Fill(24, 24, 24);
        int y = 0;
        foreach (var row in rows)
        {
            canvas.Paste(row, 0, y);
            y += row.Height + Gap;
        }
        return canvas;
    }

    public static RgbImage ScaleToHeight(RgbImage image, int height)
    {
        if (image.Height == height) return image;
        int width = Math.Max(1, (int)Math.Round(image.Width * height / (double)image.Height));
        var result = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
        {
            int sy = Math.Min(image.Height - 1, y * image.Height / height);
            for (int x = 0; x < width; x++)
            {
                int sx = Math.Min(image.Width - 1, x * image.Width / width);
                image.Pixels.AsSpan((sy * image.Width + sx) * 3, 3).CopyTo(result.Pixels.AsSpan((y * width + x) * 3));
            }
        }
        return result;
    }

    /// <summary>The space between panels, in pixels.</summary>
    public const int GapPixels = Gap;

    /// <summary>The background behind captions and between panels.</summary>
    public static readonly (byte R, byte G, byte B) Background = (24, 24, 24);

    /// <summary>The caption strip alone (for writers that stream the panels below it row by row): one label above each panel.</summary>
    public static RgbImage CaptionStrip(IReadOnlyList<(string Label, int Width)> captions, int captionHeight = 28)
    {
        var strip = new RgbImage(captions.Sum(c => c.Width) + Gap * (captions.Count - 1), captionHeight);
        DrawCaptions(strip, captions, captionHeight);
        return strip;
    }

    private static void DrawCaptions(RgbImage canvas, IReadOnlyList<(string Label, int Width)> captions, int captionHeight)
    {
        var info = new SKImageInfo(canvas.Width, captionHeight, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var drawing = new SKCanvas(bitmap))
        {
            drawing.Clear(new SKColor(24, 24, 24));
            using var font = new SKFont(Fonts.Sans, captionHeight * 0.6f);
            using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
            int x = 0;
            foreach (var (label, width) in captions)
            {
                drawing.Save();
                drawing.ClipRect(new SKRect(x, 0, x + width, captionHeight));
                drawing.DrawText(label, x + 6, captionHeight * 0.72f, font, paint);
                drawing.Restore();
                x += width + Gap;
            }
        }
        var pixels = bitmap.Bytes; // RGBA rows
        for (int y = 0; y < captionHeight; y++)
            for (int x = 0; x < canvas.Width; x++)
            {
                int source = (y * bitmap.RowBytes) + x * 4, target = (y * canvas.Width + x) * 3;
                canvas.Pixels[target] = pixels[source];
                canvas.Pixels[target + 1] = pixels[source + 1];
                canvas.Pixels[target + 2] = pixels[source + 2];
            }
    }
}
