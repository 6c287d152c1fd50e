using GdpoRealtime.Trainer.Imaging;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using SkiaSharp;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Viewer;

/// <summary>
/// The viewer's on-screen text, drawn with SkiaSharp into a window-size texture with premultiplied alpha:
/// the name of the frame on each side of the divider, the timings, the state, and the keys.
/// </summary>
public sealed class HudOverlay : IDisposable
{
    private readonly GpuContext gpu;
    private readonly HostImageTransfers transfers;
    private SKBitmap? bitmap;
    private GpuImage? image;

    public HudOverlay(GpuContext gpu)
    {
        this.gpu = gpu;
        transfers = new HostImageTransfers(gpu);
    }

    /// <summary>Text lines of the status area, top to bottom.</summary>
    public sealed record Status(string LeftLabel, string RightLabel, IReadOnlyList<string> Lines, bool Paused);

    /// <summary>Draws the overlay for a window of the given size and uploads it; returns the texture.</summary>
    public GpuImage Update(uint width, uint height, Status status, ViewerState state)
    {
        if (bitmap is null || bitmap.Width != width || bitmap.Height != height)
        {
            bitmap?.Dispose();
            image?.Dispose();
            bitmap = new SKBitmap(new SKImageInfo((int)width, (int)height, SKColorType.Rgba8888, SKAlphaType.Premul));
            image = GpuImage.Create(gpu.Device, new GpuImageDescription
            {
                Width = width,
                Height = height,
                Format = Format.R8G8B8A8Srgb,
                Usage = ImageUsageFlags.SampledBit | ImageUsageFlags.TransferDstBit,
            });
        }
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            float size = Math.Clamp(height / 32f, 7f, 20f);
            // Small windows get the labels and as many status lines as leave most of the picture free.
            int lines = height >= 400 ? status.Lines.Count : height >= 200 ? 1 : 0;
            using var font = new SKFont(Fonts.Sans, size);
            using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
            using var box = new SKPaint { Color = new SKColor(0, 0, 0, 150) };
            float pad = size * 0.4f;
            if (state.SingleView)
            {
                Label(canvas, font, text, box, status.LeftLabel, pad, pad, alignRight: false);
            }
            else
            {
                Label(canvas, font, text, box, status.LeftLabel, pad, pad, alignRight: false);
                Label(canvas, font, text, box, status.RightLabel, width - pad, pad, alignRight: true);
            }
            if (status.Paused)
                Label(canvas, font, text, new SKPaint { Color = new SKColor(180, 30, 30, 200) }, "PAUSED", width / 2f, pad, alignRight: false, centred: true);
            float lineHeight = size * 1.3f;
            float y = height - pad - lineHeight * lines;
            foreach (var line in status.Lines.Take(lines))
            {
                Label(canvas, font, text, box, line, pad, y, alignRight: false);
                y += lineHeight;
            }
        }
        var target = image!;
        transfers.WriteRgba(bitmap.GetPixelSpan(), target);
        return target;
    }

    private static void Label(SKCanvas canvas, SKFont font, SKPaint text, SKPaint box, string label, float x, float y, bool alignRight, bool centred = false)
    {
        float width = font.MeasureText(label);
        float pad = font.Size * 0.3f;
        float left = centred ? x - width / 2 : alignRight ? x - width : x;
        canvas.DrawRect(new SKRect(left - pad, y, left + width + pad, y + font.Size * 1.25f), box);
        canvas.DrawText(label, left, y + font.Size, SKTextAlign.Left, font, text);
    }

    public void Dispose()
    {
        transfers.Dispose();
        image?.Dispose();
        bitmap?.Dispose();
    }
}
