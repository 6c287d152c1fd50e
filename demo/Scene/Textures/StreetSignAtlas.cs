using GdpoRealtime.Trainer.Imaging;
using SkiaSharp;

namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>
/// Text of a street, four boards stacked in horizontal bands like <see cref="SignAtlas"/>: a street-name
/// plate, a shop fascia, a poster of small print and a timetable of digits. Two wordings exist: the
/// street's, in DejaVu Sans, for the training scenes, and the harbour's, in DejaVu Serif with other words
/// and colours, used only by the held-apart scene so that its text is text no model was trained on.
/// </summary>
public static class StreetSignAtlas
{
    public const int Bands = 4;
    public const int NamePlate = 0;
    public const int Fascia = 1;
    public const int Poster = 2;
    public const int Timetable = 3;

    public sealed record Wording(string Typeface, string BoldTypeface, string Name, string NameDetail, string Shop, string ShopDetail,
        string[] PosterLines, string TimetableTitle, SKColor PlateColour, SKColor FasciaColour, SKColor PosterColour);

    public static readonly Wording Street = new("DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
        "ELM STREET", "12 - 40", "BAKERY & CAFE", "open daily 07:00 - 19:30",
        new[]
        {
            "COMMUNITY MARKET every Saturday on the square.",
            "Fresh bread, fruit, cheese and flowers from local growers.",
            "Stalls 4-28 along the north side; parking at the rear.",
            "Dogs on a lead please. Enquiries: 0161 496 0724.",
            "No ball games. No cycling on the pavement. Thank you.",
        },
        "BUS 14  23  57", new SKColor(0x1E, 0x4C, 0x9A), new SKColor(0x7A, 0x1F, 0x2B), new SKColor(0xF4, 0xF0, 0xE2));

    public static readonly Wording Harbour = new("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf",
        "QUAY ROAD", "berths 3-9", "Harbour Master", "permits, tides & moorings",
        new[]
        {
            "Notice to mariners: dredging in the outer basin",
            "from Monday; keep to the marked channel at all times.",
            "Vessels over 12 m report to the office on VHF 14.",
            "Fuel pontoon closed 12:00-13:00. Slipway fee 8.50.",
            "Lifebuoys are for emergencies only. Penalty 250.",
        },
        "FERRY 06:45 09:10 13:25", new SKColor(0x12, 0x5E, 0x55), new SKColor(0x2B, 0x2B, 0x33), new SKColor(0xE8, 0xEE, 0xF2));

    private static readonly string[] FontFolders = { "/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/dejavu/" };

    public static RgbaTexture Draw(int size, Wording wording)
    {
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            float band = size / (float)Bands;
            using var regular = Typeface(wording.Typeface, bold: false);
            using var bold = Typeface(wording.BoldTypeface, bold: true);
            SKRect Area(int index) => new(0, index * band, size, (index + 1) * band);
            DrawNamePlate(canvas, Area(NamePlate), wording, bold, regular);
            DrawFascia(canvas, Area(Fascia), wording, bold, regular);
            DrawPoster(canvas, Area(Poster), wording, regular);
            DrawTimetable(canvas, Area(Timetable), wording, bold, regular);
        }
        return new RgbaTexture(size, size, bitmap.Bytes);
    }

    private static SKTypeface Typeface(string file, bool bold)
    {
        foreach (var folder in FontFolders)
            if (File.Exists(folder + file) && SKTypeface.FromFile(folder + file) is { } typeface) return typeface;
        return SKTypeface.FromFamilyName(Fonts.Sans.FamilyName, bold ? SKFontStyle.Bold : SKFontStyle.Normal) ?? Fonts.Sans;
    }

    private static void Board(SKCanvas canvas, SKRect area, SKColor background, SKColor border)
    {
        using var fill = new SKPaint { Color = background, IsAntialias = true };
        canvas.DrawRect(area, fill);
        float inset = area.Height * 0.05f;
        using var stroke = new SKPaint { Color = border, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = area.Height * 0.025f };
        canvas.DrawRoundRect(SKRect.Inflate(area, -inset, -inset), inset, inset, stroke);
    }

    private static void Text(SKCanvas canvas, string text, float x, float baseline, SKTypeface typeface, float height, SKColor colour,
        float maxWidth, SKTextAlign align = SKTextAlign.Center)
    {
        using var font = new SKFont(typeface, height);
        float width = font.MeasureText(text);
        if (width > maxWidth) font.Size = height * maxWidth / width;
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, x, baseline, align, font, paint);
    }

    private static void DrawNamePlate(SKCanvas canvas, SKRect area, Wording w, SKTypeface bold, SKTypeface regular)
    {
        Board(canvas, area, w.PlateColour, SKColors.White);
        Text(canvas, w.Name, area.MidX, area.Top + area.Height * 0.6f, bold, area.Height * 0.46f, SKColors.White, area.Width * 0.86f);
        Text(canvas, w.NameDetail, area.MidX, area.Top + area.Height * 0.84f, regular, area.Height * 0.16f, SKColors.White, area.Width * 0.5f);
    }

    private static void DrawFascia(SKCanvas canvas, SKRect area, Wording w, SKTypeface bold, SKTypeface regular)
    {
        Board(canvas, area, w.FasciaColour, new SKColor(0xD8, 0xB0, 0x4C));
        Text(canvas, w.Shop, area.MidX, area.Top + area.Height * 0.56f, bold, area.Height * 0.38f, new SKColor(0xF2, 0xD8, 0x8A), area.Width * 0.86f);
        Text(canvas, w.ShopDetail, area.MidX, area.Top + area.Height * 0.82f, regular, area.Height * 0.15f, SKColors.White, area.Width * 0.7f);
    }

    private static void DrawPoster(SKCanvas canvas, SKRect area, Wording w, SKTypeface regular)
    {
        Board(canvas, area, w.PosterColour, new SKColor(0x30, 0x30, 0x30));
        float line = area.Height * 0.15f, y = area.Top + area.Height * 0.24f;
        foreach (var text in w.PosterLines)
        {
            Text(canvas, text, area.Left + area.Width * 0.06f, y, regular, area.Height * 0.11f, new SKColor(0x1A, 0x1A, 0x1A),
                area.Width * 0.88f, SKTextAlign.Left);
            y += line;
        }
    }

    private static void DrawTimetable(SKCanvas canvas, SKRect area, Wording w, SKTypeface bold, SKTypeface regular)
    {
        Board(canvas, area, new SKColor(0x15, 0x15, 0x18), new SKColor(0xF0, 0xC0, 0x20));
        Text(canvas, w.TimetableTitle, area.MidX, area.Top + area.Height * 0.32f, bold, area.Height * 0.2f, new SKColor(0xF0, 0xC0, 0x20), area.Width * 0.8f);
        float y = area.Top + area.Height * 0.5f;
        for (int row = 0; row < 3; row++, y += area.Height * 0.15f)
        {
            var times = string.Join("  ", Enumerable.Range(0, 9).Select(k => $"{(6 + row * 5 + k) % 24:00}:{(k * 17 + row * 11) % 60:00}"));
            Text(canvas, times, area.MidX, y, regular, area.Height * 0.11f, SKColors.White, area.Width * 0.9f);
        }
    }
}
