using System.Numerics;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Upscaling;

/// <summary>
/// One frame for a <see cref="VulkanUpscaler"/>. The input is read from its top-left <see cref="RenderSize"/> pixels
/// and is left in the layout it came in; the output is written whole and left in <see cref="OutputFinalLayout"/>.
/// With <see cref="CommandBuffer"/> set, the frame is recorded into it and runs when the engine submits it (on host
/// staging and CUDA interop with the semaphores <see cref="VulkanUpscaler.Dispatch"/> returns, and one frame late:
/// see <see cref="VulkanUpscaler.RecordedFrameLatency"/>); otherwise the context submits its own command buffers to the
/// engine's queue. Either way, work that follows on the same queue sees the output: the frame's last barrier has every
/// later command in its second scope.
/// </summary>
public readonly struct VulkanDispatchDescription
{
    /// <summary>The rendered frame (TRANSFER_SRC usage).</summary>
    public required VulkanImageDescription Input { get; init; }

    /// <summary>The display-size image that receives the upscaled frame (TRANSFER_DST usage; exactly the context's display size).</summary>
    public required VulkanImageDescription Output { get; init; }

    /// <summary>The part of <see cref="Input"/> rendered this frame, from its top-left corner; null means the whole input image.</summary>
    public FrameSize? RenderSize { get; init; }

    /// <summary>The layout to leave the output in; null keeps <see cref="VulkanImageDescription.Layout"/> of the output (which then must not be UNDEFINED).</summary>
    public ImageLayout? OutputFinalLayout { get; init; }

    /// <summary>
    /// A VkCommandBuffer in the recording state to record the frame into: Dispatch neither submits nor waits for the
    /// network, and the frame runs when the engine submits the command buffer to the context's queue, after the commands
    /// that render the input. On vulkan-compute that is all. On host staging and CUDA interop, whose network runs outside
    /// Vulkan, the submission must also wait for and signal the timeline values Dispatch returns
    /// (<see cref="VulkanDispatchSemaphores"/>), and the output receives the previous recorded frame (one frame of
    /// latency); host staging needs the timelineSemaphore feature for this. 0 lets the context submit its own work (every
    /// backend; the same frame's output, and on host staging a Dispatch that blocks for the network).
    /// </summary>
    public nint CommandBuffer { get; init; }

    /// <summary>
    /// This frame's noise strength in [0, 1]; null: the context's (<see cref="UpscalerDescription.NoiseStrength"/>). Changing
    /// it between frames costs nothing (no reload, no new Vulkan object, no warm-up) and gives the output a context created
    /// with that strength gives.
    /// </summary>
    public double? NoiseStrength { get; init; }

    /// <summary>
    /// This frame's noise seed; null: the context's (<see cref="UpscalerDescription.NoiseSeed"/>). A seed other than the
    /// previous frame's makes and uploads a new noise window, and on vulkan-compute waits for the queue first: meant for
    /// rare changes (a seed that changes every frame flickers).
    /// </summary>
    public long? NoiseSeed { get; init; }

    /// <summary>The frame does not continue the previous one (a camera cut). The network has no history today, so nothing changes yet.</summary>
    public bool Reset { get; init; }

    /// <summary>The projection's sub-pixel jitter in render pixels, each component in [-0.5, 0.5]; not used by the network today.</summary>
    public Vector2 JitterOffsetPixels { get; init; }
}
