using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Training;
using StbImageSharp;
using StbImageWriteSharp;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Trainer.Data;

/// <summary>How a synthetic low-res frame is made from a high-res one.</summary>
public enum DownscaleKernel
{
    /// <summary>Box average: a supersampled renderer's resolve at the lower resolution.</summary>
    Area,
    /// <summary>Antialiased bicubic: the SR literature's standard degradation.</summary>
    BicubicAntialias,
    /// <summary>One sample per pixel without filtering: how a game renders before an upscaler (aliased).</summary>
    Point,
    /// <summary>A Gaussian blur of random width, then decimation.</summary>
    Gaussian,
}

/// <summary>Settings of the synthetic degradation: a random kernel, optional noise and JPEG.</summary>
public sealed record DegradationSettings
{
    public IReadOnlyList<DownscaleKernel> Kernels { get; init; } =
        new[] { DownscaleKernel.Area, DownscaleKernel.BicubicAntialias, DownscaleKernel.Point, DownscaleKernel.Gaussian };

    /// <summary>Probability of adding Gaussian noise to the low-res frame.</summary>
    public double NoiseProbability { get; init; }

    /// <summary>Largest noise standard deviation, in [0, 1] units.</summary>
    public double MaxNoiseSigma { get; init; } = 0.02;

    /// <summary>Probability of a JPEG round trip of the low-res frame.</summary>
    public double JpegProbability { get; init; }

    public int JpegQualityMin { get; init; } = 60;
    public int JpegQualityMax { get; init; } = 95;

    public static DegradationSettings Clean { get; } = new();

    /// <summary>Parses "area,bicubic,point,gaussian".</summary>
    public static IReadOnlyList<DownscaleKernel> ParseKernels(string text)
    {
        var kernels = new List<DownscaleKernel>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            kernels.Add(name.ToLowerInvariant() switch
            {
                "area" or "box" => DownscaleKernel.Area,
                "bicubic" => DownscaleKernel.BicubicAntialias,
                "point" or "nearest" => DownscaleKernel.Point,
                "gaussian" => DownscaleKernel.Gaussian,
                _ => throw new InvalidSettingException($"'{name}' is not a downscale kernel", "Use area, bicubic, point or gaussian, separated by commas."),
            });
        }
        if (kernels.Count == 0) throw new InvalidSettingException("No downscale kernel was given", "Use area, bicubic, point or gaussian, separated by commas.");
        return kernels;
    }
}

/// <summary>Makes low-res frames from high-res ones.</summary>
public static class Degradation
{
    /// <summary>
    /// [B, 3, H, W] high-res in [0, 1] to [B, 3, H q/p, W q/p] low-res with the given kernel, no noise.
    /// For point sampling, <paramref name="phase"/> picks the sample inside each cell (0..p-1).
    /// </summary>
    public static Tensor Downscale(Tensor highRes, ScaleFactor scale, DownscaleKernel kernel, int phaseX = 0, int phaseY = 0, double gaussianSigma = 0.8)
    {
        long height = highRes.shape[2] * scale.Denominator / scale.Numerator;
        long width = highRes.shape[3] * scale.Denominator / scale.Numerator;
        var size = new long[] { height, width };
        switch (kernel)
        {
            case DownscaleKernel.Area:
                return nn.functional.interpolate(highRes, size: size, mode: InterpolationMode.Area);
            case DownscaleKernel.BicubicAntialias:
                return nn.functional.interpolate(highRes, size: size, mode: InterpolationMode.Bicubic, align_corners: false, antialias: true).clamp_(0.0, 1.0);
            case DownscaleKernel.Point when scale.Denominator == 1:
            {
                int p = scale.Numerator;
                using var rows = highRes.narrow(2, phaseY % p, highRes.shape[2] - phaseY % p);
                using var cells = rows.narrow(3, phaseX % p, highRes.shape[3] - phaseX % p);
                using var picked = cells[.., .., TensorIndex.Slice(0, null, p), TensorIndex.Slice(0, null, p)];
                return picked.narrow(2, 0, height).narrow(3, 0, width).contiguous();
            }
            case DownscaleKernel.Point:
                return nn.functional.interpolate(highRes, size: size, mode: InterpolationMode.Nearest);
            case DownscaleKernel.Gaussian:
            {
                using var blurred = GaussianBlur(highRes, gaussianSigma * scale.Value / 2.0);
                return nn.functional.interpolate(blurred, size: size, mode: InterpolationMode.Bilinear, align_corners: false);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kernel));
        }
    }

    /// <summary>Applies a random kernel, then the optional noise and JPEG of the settings.</summary>
    public static Tensor Apply(Tensor highRes, ScaleFactor scale, DegradationSettings settings, TrainingRandom random)
    {
        var kernel = settings.Kernels[random.Next(settings.Kernels.Count)];
        var lowRes = Downscale(highRes, scale, kernel, random.Next(scale.Numerator), random.Next(scale.Numerator), 0.5 + random.NextDouble());
        if (settings.NoiseProbability > 0 && random.NextDouble() < settings.NoiseProbability)
        {
            double sigma = random.NextDouble() * settings.MaxNoiseSigma;
            using var generator = new Generator(random.NextSeed());
            using var noise = randn(lowRes.shape, generator: generator).mul_(sigma);
            lowRes.add_(noise).clamp_(0.0, 1.0);
        }
        if (settings.JpegProbability > 0 && random.NextDouble() < settings.JpegProbability)
        {
            int quality = random.Next(settings.JpegQualityMin, settings.JpegQualityMax + 1);
            var compressed = JpegRoundTrip(lowRes, quality);
            lowRes.Dispose();
            lowRes = compressed;
        }
        return lowRes;
    }

    /// <summary>Separable Gaussian blur with reflected borders.</summary>
    public static Tensor GaussianBlur(Tensor images, double sigma)
    {
        if (sigma <= 0.05) return images.clone();
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var weights = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) sum += weights[i + radius] = (float)Math.Exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)(weights[i] / sum);
        using var scope = NewDisposeScope();
        long channels = images.shape[1];
        var kernel = HostTensors.From(weights).to(images.device).to(images.dtype);
        var horizontal = kernel.reshape(1, 1, 1, -1).expand(channels, 1, 1, -1);
        var vertical = kernel.reshape(1, 1, -1, 1).expand(channels, 1, -1, 1);
        var padded = nn.functional.pad(images, new long[] { radius, radius, radius, radius }, TorchSharp.PaddingModes.Reflect);
        var blurred = nn.functional.conv2d(nn.functional.conv2d(padded, horizontal, groups: channels), vertical, groups: channels);
        return blurred.MoveToOuterDisposeScope();
    }

    /// <summary>Encodes each image of the batch as JPEG and decodes it again (real block artefacts, not a simulation).</summary>
    public static Tensor JpegRoundTrip(Tensor images, int quality)
    {
        var decoded = new List<Tensor>();
        try
        {
            for (int i = 0; i < images.shape[0]; i++)
            {
                var image = ImageTensors.ToImage(images[i]);
                using var stream = new MemoryStream();
                new ImageWriter().WriteJpg(image.Pixels, image.Width, image.Height, StbImageWriteSharp.ColorComponents.RedGreenBlue, stream, quality);
                var result = ImageResult.FromMemory(stream.ToArray(), StbImageSharp.ColorComponents.RedGreenBlue);
                decoded.Add(ImageTensors.ToTensor(new RgbImage(result.Width, result.Height, result.Data), images.device, images.dtype));
            }
            return cat(decoded, 0);
        }
        finally
        {
            foreach (var t in decoded) t.Dispose();
        }
    }
}
