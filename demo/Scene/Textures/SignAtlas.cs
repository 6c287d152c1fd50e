using GdpoRealtime.Trainer.Imaging;
using SkiaSharp;

namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>
/// Four signs stacked in one texture layer, each a band a quarter of the height (4:1 boards): a large
/// title, a bold warning with a time range, a paragraph of fine print, and an exit sign with small digits
/// and letters. Text is what upscalers most visibly get wrong; it is drawn with SkiaSharp in DejaVu Sans.
/// </summary>
public static class SignAtlas
{
    public const int Bands = 4;
    public const int Title = 0;
    public const int Warning = 1;
    public const int FinePrint = 2;
    public const int Exit = 3;

    private static readonly string[] BoldCandidates =
    {
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "C:/Windows/Fonts/segoeuib.ttf",
    };

    public static RgbaTexture Draw(int size)
    {
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            float band = size / (float)Bands;
            using var bold = BoldTypeface();
            DrawTitle(canvas, new SKRect(0, Title * band, size, (Title + 1) * band), bold);
            DrawWarning(canvas, new SKRect(0, Warning * band, size, (Warning + 1) * band), bold);
            DrawFinePrint(canvas, new SKRect(0, FinePrint * band, size, (FinePrint + 1) * band));
            DrawExit(canvas, new SKRect(0, Exit * band, size, (Exit + 1) * band), bold);
        }
        return new RgbaTexture(size, size, bitmap.Bytes);
    }

    private static SKTypeface BoldTypeface()
    {
        foreach (var path in BoldCandidates)
            if (File.Exists(path) && SKTypeface.FromFile(path) is { } typeface) return typeface;
        return SKTypeface.FromFamilyName(Fonts.Sans.FamilyName, SKFontStyle.Bold) ?? Fonts.Sans;
    }

    private static void Board(SKCanvas canvas, SKRect area, SKColor background, SKColor border)
    {
        using var fill = new SKPaint { Color = background, IsAntialias = true };
        canvas.DrawRect(area, fill);
        float inset = area.Height * 0.06f;
        using var stroke = new SKPaint { Color = border, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = area.Height * 0.035f };
        canvas.DrawRoundRect(SKRect.Inflate(area, -inset, -inset), inset, inset, stroke);
    }

    private static void Centred(SKCanvas canvas, string text, SKRect area, SKTypeface typeface, float height, SKColor colour, float maxWidth)
    {
        using var font = new SKFont(typeface, height);
        float width = font.MeasureText(text);
        if (width > maxWidth) font.Size = height * maxWidth / width;
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        var metrics = font.Metrics;
        float baseline = area.MidY - (metrics.Ascent + metrics.Descent) / 2;
        canvas.DrawText(text, area.MidX, baseline, SKTextAlign.Center, font, paint);
    }

    private static void DrawTitle(SKCanvas canvas, SKRect area, SKTypeface bold)
    {
        Board(canvas, area, new SKColor(0x1B, 0x3A, 0x6B), SKColors.White);
        Centred(canvas, "GDPO REALTIME", area, bold, area.Height * 0.52f, SKColors.White, area.Width * 0.86f);
    }

    private static void DrawWarning(SKCanvas canvas, SKRect area, SKTypeface bold)
    {
        Board(canvas, area, SKColors.White, new SKColor(0xC8, 0x10, 0x1E));
        var top = new SKRect(area.Left, area.Top + area.Height * 0.08f, area.Right, area.MidY + area.Height * 0.05f);
        var bottom = new SKRect(area.Left, area.MidY + area.Height * 0.02f, area.Right, area.Bottom - area.Height * 0.12f);
        Centred(canvas, "NO PARKING", top, bold, area.Height * 0.4f, new SKColor(0xC8, 0x10, 0x1E), area.Width * 0.8f);
        Centred(canvas, "MON-FRI 08:00 - 18:30", bottom, Fonts.Sans, area.Height * 0.24f, SKColors.Black, area.Width * 0.8f);
    }

    private static void DrawFinePrint(SKCanvas canvas, SKRect area)
    {
        Board(canvas, area, new SKColor(0xF2, 0xEC, 0xD9), new SKColor(0x30, 0x30, 0x30));
        string[] lines =
        {
            "Authorised vehicles only. Vehicles left without a permit",
            "will be removed at the owner's expense. Keep the gate",
            "clear at all times. Deliveries 07:30-09:00, rear entrance.",
            "Enquiries: site office, building C, room 214 (ext. 3057).",
        };
        using var font = new SKFont(Fonts.Sans, area.Height * 0.13f);
        float widest = lines.Max(l => font.MeasureText(l));
        if (widest > area.Width * 0.88f) font.Size *= area.Width * 0.88f / widest;
        using var paint = new SKPaint { Color = new SKColor(0x20, 0x20, 0x20), IsAntialias = true };
        float lineHeight = area.Height * 0.18f, y = area.Top + area.Height * 0.28f;
        foreach (var line in lines)
        {
            canvas.DrawText(line, area.Left + area.Width * 0.06f, y, SKTextAlign.Left, font, paint);
            y += lineHeight;
        }
    }

    private static void DrawExit(SKCanvas canvas, SKRect area, SKTypeface bold)
    {
        Board(canvas, area, new SKColor(0x0A, 0x7A, 0x3A), SKColors.White);
        var left = new SKRect(area.Left, area.Top, area.Left + area.Width * 0.5f, area.Bottom);
        Centred(canvas, "EXIT \u2192", left, bold, area.Height * 0.5f, SKColors.White, left.Width * 0.8f);
        using var font = new SKFont(Fonts.Sans, area.Height * 0.16f);
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        float x = area.Left + area.Width * 0.52f;
        canvas.DrawText("0123456789", x, area.Top + area.Height * 0.38f, SKTextAlign.Left, font, paint);
        canvas.DrawText("ABCDEFGHIJKLM", x, area.Top + area.Height * 0.58f, SKTextAlign.Left, font, paint);
        canvas.DrawText("nopqrstuvwxyz", x, area.Top + area.Height * 0.78f, SKTextAlign.Left, font, paint);
    }
}
