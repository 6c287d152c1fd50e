using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Tiling;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>
/// What an upscaler context is created for, independent of the graphics API: the sizes, the model, its precision
/// and noise. Sizes are fixed for the context's life; to resize, dispose the context and create another.
/// </summary>
public sealed record UpscalerDescription
{
    /// <summary>Upper limit of the width and height of a display (output) frame.</summary>
    public const int MaximumDisplaySide = 16384;

    /// <summary>The size of the upscaled frame, in pixels: every dispatch's output image has exactly this size.</summary>
    public required FrameSize DisplaySize { get; init; }

    /// <summary>The quality mode that gives <see cref="MaxRenderSize"/> when that is not set (FSR2/DLSS ratios).</summary>
    public QualityMode QualityMode { get; init; } = QualityMode.Performance;

    /// <summary>
    /// The largest frame the engine will render, in pixels; each dispatch may render at this size or below (dynamic
    /// resolution). Null: <see cref="DisplaySize"/> divided by the <see cref="QualityMode"/>'s ratio.
    /// </summary>
    public FrameSize? MaxRenderSize { get; init; }

    /// <summary>A .gdpo model file; null uses the built-in model. Ignored when <see cref="Model"/> is given.</summary>
    public string? ModelPath { get; init; }

    /// <summary>A checkpoint already read (for example shared by several contexts); takes precedence over <see cref="ModelPath"/>.</summary>
    public LoadedCheckpoint? Model { get; init; }

    /// <summary>The network's arithmetic: automatic is float16 on CUDA and float32 on the CPU.</summary>
    public Precision Precision { get; init; } = Precision.Automatic;

    /// <summary>Strength of the model's fixed noise field in [0, 1]; 0 gives the deterministic output.</summary>
    public double NoiseStrength { get; init; } = 1.0;

    /// <summary>Seed of the fixed noise field (one field per size, so the output does not flicker).</summary>
    public long NoiseSeed { get; init; }

    /// <summary>Where the network runs on the host paths (the CUDA-interop backend always runs it on the Vulkan device's GPU).</summary>
    public DevicePreference Device { get; init; } = DevicePreference.Auto;

    /// <summary>A CUDA libtorch directory (a PyTorch install's torch/lib); default: $TORCH_LIB_DIR.</summary>
    public string? TorchLibraryDirectory { get; init; }

    /// <summary>
    /// Upscale frames in tiles of this many input pixels a side (at least <see cref="TileLayout.MinimumTileSide"/>): the
    /// network's memory then depends on the tile, not the frame. Null: only frames whose whole-frame network would exceed
    /// <see cref="Frames.FrameNetwork.WholeFrameActivationLimitBytes"/> per activation are tiled, in tiles of
    /// <see cref="TiledImageInference.DefaultTileSide"/>; smaller frames run whole, as one compiled function. Tiling applies when the
    /// display size is the model's output for the render size; a frame resampled to another display size runs whole.
    /// </summary>
    public int? TileSide { get; init; }

    /// <summary>Receives one line at creation naming the backend, the device and why; warnings later. Null: silent.</summary>
    public ILogger? Logger { get; init; }

    /// <summary><see cref="MaxRenderSize"/>, or the size the quality mode gives.</summary>
    public FrameSize ResolvedMaxRenderSize => MaxRenderSize ?? QualityModes.RenderSize(DisplaySize, QualityMode);

    /// <summary>Throws an <see cref="InvalidSettingException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (DisplaySize.Width < 1 || DisplaySize.Height < 1 || DisplaySize.Width > MaximumDisplaySide || DisplaySize.Height > MaximumDisplaySide)
            throw new InvalidSettingException($"Display size {DisplaySize} is outside 1x1 to {MaximumDisplaySide}x{MaximumDisplaySide}",
                "Give the size of the output image in pixels.");
        _ = QualityModes.Ratio(QualityMode);
        var render = ResolvedMaxRenderSize;
        if (render.Width < ImageInference.MinimumInputSide || render.Height < ImageInference.MinimumInputSide)
            throw new InvalidSettingException(
                $"Maximum render size {render} is below the {ImageInference.MinimumInputSide}x{ImageInference.MinimumInputSide} minimum",
                "Use a larger display size or a quality mode with a smaller ratio.");
        if (!render.Fits(DisplaySize))
            throw new InvalidSettingException($"Maximum render size {render} is larger than the display size {DisplaySize}",
                "Render at or below the display size (QualityModes.RenderSize gives the usual sizes).");
        if (!(NoiseStrength >= 0 && NoiseStrength <= 1))
            throw new InvalidSettingException($"Noise strength {NoiseStrength} is outside [0, 1]",
                "Use 0 for a deterministic output, 1 for the full trained noise, or a value between.");
        if (TileSide is { } tile && tile < TileLayout.MinimumTileSide)
            throw new InvalidSettingException($"Tile side {tile} is below the minimum of {TileLayout.MinimumTileSide} pixels",
                $"Use a tile side of at least {TileLayout.MinimumTileSide}, or null to tile only frames too large to upscale whole.");
        if (!Enum.IsDefined(Precision))
            throw new InvalidSettingException($"Precision {(int)Precision} is unknown", "Use Automatic, Float32 or Float16.");
        if (!Enum.IsDefined(Device))
            throw new InvalidSettingException($"Compute device {(int)Device} is unknown", "Use Auto, Cpu or Cuda.");
    }
}
