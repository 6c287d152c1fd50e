using System.Globalization;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>
/// Where one frame's time went, in milliseconds: moving the render-size frame from the engine's image into the
/// network's input (<see cref="HandoffInMilliseconds"/>), the network itself, and moving the result into the
/// engine's output image (<see cref="HandoffOutMilliseconds"/>). On the CUDA-interop path these are GPU times
/// (Vulkan timestamps and CUDA events), on the host paths wall-clock times of each step.
/// </summary>
public readonly record struct FrameTimings(double HandoffInMilliseconds, double NetworkMilliseconds, double HandoffOutMilliseconds)
{
    public double TotalMilliseconds => HandoffInMilliseconds + NetworkMilliseconds + HandoffOutMilliseconds;

    /// <summary>False until a frame has been measured.</summary>
    public bool IsMeasured => TotalMilliseconds > 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"in {HandoffInMilliseconds:F2} ms, network {NetworkMilliseconds:F2} ms, out {HandoffOutMilliseconds:F2} ms");
}
