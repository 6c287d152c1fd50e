using System.Numerics;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>Checks every context makes on a dispatch, whatever the graphics API, with errors that name the fix.</summary>
public static class DispatchChecks
{
    /// <summary>The render size must be within the context's maximum and at least the network's minimum.</summary>
    public static void RenderSize(FrameSize renderSize, FrameSize maxRenderSize)
    {
        if (renderSize.Width < ImageInference.MinimumInputSide || renderSize.Height < ImageInference.MinimumInputSide)
            throw new InvalidDispatchException(
                $"Render size {renderSize} is below the {ImageInference.MinimumInputSide}x{ImageInference.MinimumInputSide} minimum",
                "Render at least 8x8 pixels.");
        if (!renderSize.Fits(maxRenderSize))
            throw new InvalidDispatchException($"Render size {renderSize} is larger than the context's maximum render size {maxRenderSize}",
                "Render at or below the maximum given at creation, or create the context with a larger MaxRenderSize.");
    }

    /// <summary>Jitter is a sub-pixel offset in render pixels, as FSR2 and DLSS take it: each component in [-0.5, 0.5].</summary>
    public static void Jitter(Vector2 jitterPixels)
    {
        if (!float.IsFinite(jitterPixels.X) || !float.IsFinite(jitterPixels.Y) || Math.Abs(jitterPixels.X) > 0.5f || Math.Abs(jitterPixels.Y) > 0.5f)
            throw new InvalidDispatchException($"Jitter offset ({jitterPixels.X}, {jitterPixels.Y}) is outside [-0.5, 0.5] render pixels",
                "Pass the sub-pixel offset of the projection in render pixels (a Halton sequence minus 0.5), or zero.");
    }

    /// <summary>A dispatch's own noise strength, when it gives one, must be in [0, 1], as the description's is.</summary>
    public static void NoiseStrength(double? strength)
    {
        if (strength is { } value && !Model.NoiseSetting.IsValidStrength(value))
            throw new InvalidDispatchException($"The dispatch's noise strength {value} is outside [0, 1]",
                "Pass a NoiseStrength in [0, 1] (0: deterministic, 1: the full trained noise), or null for the context's.");
    }

    public static void Format(PixelFormat format, string which)
    {
        if (!PixelFormats.IsDefined(format))
            throw new InvalidDispatchException($"The {which} pixel format {(int)format} is unknown",
                "Use Rgba8Unorm, Rgba8Srgb, Bgra8Unorm or Bgra8Srgb.");
    }
}
