using System.Globalization;
using GdpoRealtime.Runtime.Model;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>
/// The network upscales by its model's own scale (x2 for the built-in model). A render/display ratio other than that
/// (the Quality, Balanced and UltraPerformance modes with the x2 model) runs the same network and resamples its output
/// to the display size: area filter when shrinking, bicubic otherwise, the cost of a ratio the model was not trained
/// for. Every upscaler says so once, at creation, so that an engine sees why its Quality mode is not sharper.
/// </summary>
public static class ResamplingNotice
{
    /// <summary>The sentence for a context, or null when the display size is the model's output for the render size.</summary>
    public static string? Describe(ScaleFactor modelScale, FrameSize maxRender, FrameSize display)
    {
        var modelOutput = new FrameSize(modelScale.OutputSize(maxRender.Width), modelScale.OutputSize(maxRender.Height));
        if (modelOutput == display) return null;
        bool shrinking = modelOutput.Width >= display.Width && modelOutput.Height >= display.Height;
        string ratio = (display.Width / (double)maxRender.Width).ToString("0.##", CultureInfo.InvariantCulture);
        string scale = modelScale.Value.ToString("0.##", CultureInfo.InvariantCulture);
        return $"Render {maxRender} -> display {display} is x{ratio}, not the model's x{scale}: the network upscales to {modelOutput} " +
               $"and the result is resampled to {display} ({(shrinking ? "area filter" : "bicubic")}); a ratio of x{scale} " +
               $"(QualityMode.Performance for an x2 model) gives the network's own output";
    }

    /// <summary>Logs <see cref="Describe"/> at information level when there is something to say.</summary>
    public static void Log(ILogger logger, ScaleFactor modelScale, FrameSize maxRender, FrameSize display)
    {
        if (Describe(modelScale, maxRender, display) is { } notice) logger.LogInformation("{Notice}", notice);
    }
}
