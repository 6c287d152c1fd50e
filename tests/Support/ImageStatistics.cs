using GdpoRealtime.Runtime.Imaging;

namespace GdpoRealtime.Tests.Support;

/// <summary>Measurements on 8-bit images for the rendering tests (written out so the tests need no GPU math).</summary>
public static class ImageStatistics
{
    public static int DistinctColours(RgbImage image)
    {
        var colours = new HashSet<int>();
        for (int i = 0; i < image.Pixels.Length; i += 3) colours.Add(image.Pixels[i] << 16 | image.Pixels[i + 1] << 8 | image.Pixels[i + 2]);
        return colours.Count;
    }

    public static double Psnr(RgbImage a, RgbImage b)
    {
        Assert.That((a.Width, a.Height), Is.EqualTo((b.Width, b.Height)), "compared images differ in size");
        double sum = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
        {
            double d = a.Pixels[i] - b.Pixels[i];
            sum += d * d;
        }
        double mse = sum / a.Pixels.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    public static int MaxAbsDifference(RgbImage a, RgbImage b)
    {
        Assert.That((a.Width, a.Height), Is.EqualTo((b.Width, b.Height)), "compared images differ in size");
        int worst = 0;
        for (int i = 0; i < a.Pixels.Length; i++) worst = Math.Max(worst, Math.Abs(a.Pixels[i] - b.Pixels[i]));
        return worst;
    }

    /// <summary>Mean absolute difference between horizontal and vertical neighbours: how much fine detail an image holds.</summary>
    public static double GradientEnergy(RgbImage image)
    {
        double sum = 0;
        long count = 0;
        for (int y = 0; y < image.Height - 1; y++)
            for (int x = 0; x < image.Width - 1; x++)
            {
                int i = (y * image.Width + x) * 3;
                for (int c = 0; c < 3; c++)
                {
                    sum += Math.Abs(image.Pixels[i + c] - image.Pixels[i + 3 + c]) + Math.Abs(image.Pixels[i + c] - image.Pixels[i + image.Width * 3 + c]);
                    count += 2;
                }
            }
        return sum / count;
    }

    /// <summary>Bilinear 2x enlargement with aligned pixel centres (as texture sampling does), edges clamped; optionally blending in linear light.</summary>
    public static RgbImage Bilinear2x(RgbImage image, bool linearLight = false)
    {
        Func<byte, double> decode = linearLight ? ToLinear : v => v;
        Func<double, byte> encode = linearLight ? ToSrgb : v => (byte)Math.Round(v);
        var result = new RgbImage(image.Width * 2, image.Height * 2);
        for (int y = 0; y < result.Height; y++)
        {
            double sy = Math.Clamp((y + 0.5) / 2 - 0.5, 0, image.Height - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, image.Height - 1);
            double fy = sy - y0;
            for (int x = 0; x < result.Width; x++)
            {
                double sx = Math.Clamp((x + 0.5) / 2 - 0.5, 0, image.Width - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, image.Width - 1);
                double fx = sx - x0;
                for (int c = 0; c < 3; c++)
                {
                    double top = decode(image.Pixels[(y0 * image.Width + x0) * 3 + c]) * (1 - fx) + decode(image.Pixels[(y0 * image.Width + x1) * 3 + c]) * fx;
                    double bottom = decode(image.Pixels[(y1 * image.Width + x0) * 3 + c]) * (1 - fx) + decode(image.Pixels[(y1 * image.Width + x1) * 3 + c]) * fx;
                    result.Pixels[(y * result.Width + x) * 3 + c] = encode(top * (1 - fy) + bottom * fy);
                }
            }
        }
        return result;
    }

    /// <summary>Averages factor x factor blocks in linear light (sRGB decoded, averaged, encoded).</summary>
    public static RgbImage BoxDownLinear(RgbImage image, int factor)
    {
        var result = new RgbImage(image.Width / factor, image.Height / factor);
        for (int y = 0; y < result.Height; y++)
            for (int x = 0; x < result.Width; x++)
                for (int c = 0; c < 3; c++)
                {
                    double sum = 0;
                    for (int dy = 0; dy < factor; dy++)
                        for (int dx = 0; dx < factor; dx++)
                            sum += ToLinear(image.Pixels[((y * factor + dy) * image.Width + x * factor + dx) * 3 + c]);
                    result.Pixels[(y * result.Width + x) * 3 + c] = ToSrgb(sum / (factor * factor));
                }
        return result;
    }

    /// <summary>Every second pixel in each direction, starting at <paramref name="offset"/> (0 or 1).</summary>
    public static RgbImage Subsample(RgbImage image, int offset)
    {
        var result = new RgbImage(image.Width / 2, image.Height / 2);
        for (int y = 0; y < result.Height; y++)
            for (int x = 0; x < result.Width; x++)
                image.Pixels.AsSpan(((2 * y + offset) * image.Width + 2 * x + offset) * 3, 3).CopyTo(result.Pixels.AsSpan((y * result.Width + x) * 3));
        return result;
    }

    /// <summary>Standard deviation of all channel values: near zero for a blank image.</summary>
    public static double StandardDeviation(RgbImage image)
    {
        double mean = image.Pixels.Average(p => (double)p);
        return Math.Sqrt(image.Pixels.Average(p => (p - mean) * (p - mean)));
    }

    private static double ToLinear(byte value)
    {
        double v = value / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
    }

    private static byte ToSrgb(double linear)
    {
        double v = linear <= 0.0031308 ? linear * 12.92 : 1.055 * Math.Pow(linear, 1 / 2.4) - 0.055;
        return (byte)Math.Clamp(Math.Round(v * 255), 0, 255);
    }
}
