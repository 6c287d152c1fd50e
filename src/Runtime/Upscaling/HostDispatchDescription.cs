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

    /// <summary>The projection's sub-pixel jitter in render pixels, each component in [-0.5, 0.5]; recorded, not used by the network today.</summary>
    public Vector2 JitterOffsetPixels { get; init; }
}
