using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Data.Capture;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Trainer.Data;

/// <summary>How a data folder becomes training pairs.</summary>
public sealed record DataOptions
{
    /// <summary>Downscale kernels of the synthetic degradation (image folders only).</summary>
    public IReadOnlyList<DownscaleKernel> Kernels { get; init; } = new[] { DownscaleKernel.Area, DownscaleKernel.BicubicAntialias };

    /// <summary>Source images whose longer side exceeds this are shrunk first (image folders only).</summary>
    public int MaxSide { get; init; } = 1024;

    /// <summary>Training crops are picked to have at least this texture fraction (0 = any crop).</summary>
    public double MinTextureFraction { get; init; }

    /// <summary>Share of the folder held out of training (by image, or by block of captured frames); 1 holds out all of it.</summary>
    public double HeldOutFraction { get; init; } = 0.1;

    /// <summary>False when only the held-out pairs are needed (evaluation): the training images are then not loaded.</summary>
    public bool LoadTraining { get; init; } = true;
}

/// <summary>Opens a data folder: a capture folder when it holds a manifest, else a folder of images with a synthetic degradation.</summary>
public static class PairSources
{
    public sealed record Opened(IPairSource Source, ScaleFactor Scale) : IDisposable
    {
        public void Dispose() => (Source as IDisposable)?.Dispose();
    }

    /// <summary>
    /// One folder, or several mixed in equal shares (<see cref="MixedPairSource"/>). All must give the same
    /// scale: the one asked for, else the first capture folder's (x2 when there is none).
    /// </summary>
    public static Opened Open(IReadOnlyList<string> folders, ScaleFactor? scale, DataOptions options, ILogger logger)
    {
        if (folders.Count == 0) throw new InvalidSettingException("No data folder was given", "Give at least one data folder (several are mixed in equal shares).") { Setting = Settings.Data };
        if (folders.Count == 1) return Open(folders[0], scale, options, logger);
        var chosen = scale ?? folders.Where(CaptureFolder.IsCaptureFolder).Select(f => (ScaleFactor?)CaptureFolder.Open(f, options.HeldOutFraction).Scale).FirstOrDefault() ?? ScaleFactor.X2;
        var opened = new List<Opened>();
        try
        {
            foreach (var folder in folders) opened.Add(Open(folder, chosen, options, logger));
        }
        catch
        {
            foreach (var o in opened) o.Dispose();
            throw;
        }
        return new Opened(new MixedPairSource(opened.Select(o => o.Source).ToList()), chosen);
    }

    /// <param name="scale">The scale asked for, or null to take the capture's own (x2 for image folders).</param>
    public static Opened Open(string folder, ScaleFactor? scale, DataOptions options, ILogger logger)
    {
        if (CaptureFolder.IsCaptureFolder(folder))
        {
            var capture = CaptureFolder.Open(folder, options.HeldOutFraction);
            if (options.LoadTraining && capture.Manifest.HoldsHeldApartScene)
                throw new InvalidSettingException(
                    $"Capture folder '{folder}' holds frames of a held-apart scene ({string.Join(", ", capture.Manifest.Frames.Select(f => f.Scene).Where(s => s?.StartsWith(CaptureManifest.HeldApartScenePrefix, StringComparison.Ordinal) == true).Distinct())}), which is never trained on",
                    "Train on a capture of the training scenes (all-training); score models on this folder, all of it held out, only.") { Setting = Settings.Data };
            if (scale is { } asked && asked != capture.Scale)
                throw new InvalidSettingException($"Capture folder '{folder}' holds x{capture.Scale} pairs, but x{asked} was asked for",
                    $"Ask for no scale to train at the capture's own scale, or capture at x{asked}.") { Setting = Settings.Scale };
            return new Opened(new CapturePairSource(capture, options.MinTextureFraction, logger, options.LoadTraining), capture.Scale);
        }
        var images = new ImageFolder(folder, options.HeldOutFraction);
        var chosen = scale ?? ScaleFactor.X2;
        var degradation = DegradationSettings.Clean with { Kernels = options.Kernels };
        return new Opened(new SyntheticPairSource(images, chosen, degradation, options.MaxSide,
            minTextureFraction: options.MinTextureFraction, loadTraining: options.LoadTraining, logger: logger), chosen);
    }
}
