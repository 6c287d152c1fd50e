using System.Numerics;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>One frame for a <see cref="HostUpscaler"/>: the rendered frame in host memory and where the upscaled frame goes.</summary>
public readonly ref struct HostDispatchDescription
{
    /// <summary>The render-size frame: rows of 4-byte pixels, <see cref="InputRowPitchBytes"/> apart.</summary>
    public required ReadOnlySpan<byte> Input { get; init; }

    public required PixelFormat InputFormat { get; init; }

    /// <summary>The size rendered this frame, at most the context's maximum render size.</summary>
    public required FrameSize RenderSize { get; init; }

    /// <summary>Bytes from one input row to the next; 0 means packed rows (width x 4).</summary>
    public int InputRowPitchBytes { get; init; }

    /// <summary>Receives the display-size frame: rows of 4-byte pixels, <see cref="OutputRowPitchBytes"/> apart; alpha is 255.</summary>
    public required Span<byte> Output { get; init; }

    public required PixelFormat OutputFormat { get; init; }

    /// <summary>Bytes from one output row to the next; 0 means packed rows (width x 4).</summary>
    public int OutputRowPitchBytes { get; init; }

    /// <summary>
    /// The frame does not continue the previous one (a camera cut). The network has no frame history today, so this
    /// changes nothing yet; engines pass it as they would to FSR2 so that temporal models can honour it.
    /// </summary>
    public bool Reset { get; init; }

    /// <summary>
    /// This frame's noise strength in [0, 1]; null: the context's (<see cref="UpscalerDescription.NoiseStrength"/>). Changing
    /// it between frames costs nothing: the noise window is scaled, not remade, and the output is what a context created
    /// with that strength gives.
    /// </summary>
    public double? NoiseStrength { get; init; }

    /// <summary>
    /// This frame's noise seed; null: the context's (<see cref="UpscalerDescription.NoiseSeed"/>). A seed other than the
    /// previous frame's makes a new noise window (tens of milliseconds at 1080p on a CPU): keep it steady, as the field is
    /// meant to be (a changing seed flickers).
    /// </summary>
    public long? NoiseSeed { get; init; }

    /// <summary>The projection's sub-pixel jitter in render pixels, each component in [-0.5, 0.5]; recorded, not used by the network today.</summary>
    public Vector2 JitterOffsetPixels { get; init; }
}
