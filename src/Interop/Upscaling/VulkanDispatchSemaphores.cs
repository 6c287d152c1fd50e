using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Upscaling;

/// <summary>
/// What the engine's submission of a recorded frame must add, on the backends whose network runs outside Vulkan (host
/// staging, CUDA interop): a wait on a timeline semaphore for <see cref="WaitValue"/> at <see cref="WaitStage"/> (the
/// previous frame's result is in place, and the network is done with the buffers this frame's copies overwrite), and a
/// signal of <see cref="SignalValue"/> (this frame's input is copied: the network may start). A command buffer cannot wait
/// for work outside Vulkan, so the submission that carries it does: add both to the VkSubmitInfo (with a
/// VkTimelineSemaphoreSubmitInfo for the values) or VkSubmitInfo2 beside the engine's own semaphores. Both are the same
/// semaphore, owned by the context (destroyed when it is disposed, after the queue is idle). Empty (<see cref="IsEmpty"/>)
/// when there is nothing to add: vulkan-compute, and dispatches the context submitted itself.
/// </summary>
public readonly record struct VulkanDispatchSemaphores
{
    /// <summary>VkSemaphore (timeline) the submission waits on; 0 when it need not wait.</summary>
    public ulong WaitSemaphore { get; init; }

    /// <summary>The value of <see cref="WaitSemaphore"/> to wait for (VkTimelineSemaphoreSubmitInfo.pWaitSemaphoreValues).</summary>
    public ulong WaitValue { get; init; }

    /// <summary>The stages that wait (VkSubmitInfo.pWaitDstStageMask): the upscaler's copies are transfers.</summary>
    public PipelineStageFlags WaitStage { get; init; }

    /// <summary>VkSemaphore (timeline) the submission signals when its commands are done; 0 when it need not signal.</summary>
    public ulong SignalSemaphore { get; init; }

    /// <summary>The value to signal (VkTimelineSemaphoreSubmitInfo.pSignalSemaphoreValues).</summary>
    public ulong SignalValue { get; init; }

    /// <summary>True when the submission needs nothing added.</summary>
    public bool IsEmpty => WaitSemaphore == 0 && SignalSemaphore == 0;

    /// <summary>Wait for <paramref name="waitValue"/> and signal <paramref name="signalValue"/> on one timeline, the transfers waiting.</summary>
    public static VulkanDispatchSemaphores OnTimeline(Silk.NET.Vulkan.Semaphore timeline, ulong waitValue, ulong signalValue) => new()
    {
        WaitSemaphore = timeline.Handle,
        WaitValue = waitValue,
        WaitStage = PipelineStageFlags.TransferBit,
        SignalSemaphore = timeline.Handle,
        SignalValue = signalValue,
    };
}
