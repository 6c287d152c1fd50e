using GdpoRealtime.Runtime.Imaging;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>
/// Writes a two-panel <see cref="SideBySide"/> PNG (caption strip, then left | gap | right) band by band, for images
/// too large to compose whole: memory holds one composed row. Commit renames the finished file into place.
/// </summary>
public sealed class SideBySideWriter : IDisposable
{
    private readonly PngFileWriter png;
    private readonly int panelWidth;
    private readonly byte[] row;

    public SideBySideWriter(string path, string leftLabel, string rightLabel, int panelWidth, int panelHeight, int captionHeight = 28)
    {
        this.panelWidth = panelWidth;
        var captions = SideBySide.CaptionStrip(new[] { (leftLabel, panelWidth), (rightLabel, panelWidth) }, captionHeight);
        Width = captions.Width;
        Height = panelHeight + captionHeight;
        png = new PngFileWriter(path, Width, Height);
        try
        {
            png.WriteRows(captions.Pixels);
        }
        catch
        {
            png.Dispose();
            throw;
        }
        row = new byte[captions.Width * 3];
        var (r, g, b) = SideBySide.Background;
        for (int x = panelWidth; x < panelWidth + SideBySide.GapPixels; x++)
        {
            row[x * 3] = r;
            row[x * 3 + 1] = g;
            row[x * 3 + 2] = b;
        }
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Appends rows: each of <paramref name="left"/> and <paramref name="right"/> holds the same number of panel-wide RGB rows.</summary>
    public void WriteRows(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int panelBytes = panelWidth * 3;
        if (left.Length != right.Length || left.Length % panelBytes != 0)
            throw new ArgumentException($"Both panels need whole rows of {panelBytes} bytes ({left.Length} and {right.Length} given).");
        int rightStart = (panelWidth + SideBySide.GapPixels) * 3;
        for (int y = 0; y < left.Length / panelBytes; y++)
        {
            left.Slice(y * panelBytes, panelBytes).CopyTo(row);
            right.Slice(y * panelBytes, panelBytes).CopyTo(row.AsSpan(rightStart));
            png.WriteRows(row);
        }
    }

    public void Commit() => png.Commit();

    public void Dispose() => png.Dispose();
}
