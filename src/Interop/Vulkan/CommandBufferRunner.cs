using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>
/// One command buffer and its fence, reused: record, submit, wait. The work is synchronous by design: the
/// demo measures each step, and a CPU driver gains nothing from overlap.
/// </summary>
public sealed unsafe class CommandBufferRunner : IDisposable
{
    private readonly VulkanDevice device;
    private readonly CommandBuffer buffer;
    private readonly Fence fence;
    private bool disposed;

    public CommandBufferRunner(VulkanDevice device)
    {
        this.device = device;
        buffer = SubmitHelper.AllocateCommandBuffer(device);
        fence = SubmitHelper.CreateFence(device, signalled: false);
    }

    public CommandBuffer Buffer => buffer;

    /// <summary>Records with <paramref name="record"/>, submits (waiting on and signalling the given semaphores) and waits for completion.</summary>
    public void Run(Action<CommandBuffer> record, Semaphore wait = default, PipelineStageFlags waitStage = PipelineStageFlags.ColorAttachmentOutputBit,
        Semaphore signal = default)
    {
        Begin();
        record(buffer);
        End();
        Submit(wait, waitStage, signal);
        Wait();
    }

    public void Begin() => SubmitHelper.Begin(device, buffer);

    public void End() => SubmitHelper.End(device, buffer);

    public void Submit(Semaphore wait = default, PipelineStageFlags waitStage = PipelineStageFlags.ColorAttachmentOutputBit, Semaphore signal = default)
    {
        var commandBuffer = buffer;
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo,
            CommandBufferCount = 1,
            PCommandBuffers = &commandBuffer,
            WaitSemaphoreCount = wait.Handle == 0 ? 0u : 1u,
            PWaitSemaphores = &wait,
            PWaitDstStageMask = &waitStage,
            SignalSemaphoreCount = signal.Handle == 0 ? 0u : 1u,
            PSignalSemaphores = &signal,
        };
        device.SubmitToQueue(submit, fence);
    }

    public void Wait() => SubmitHelper.WaitAndReset(device, fence);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        var vk = device.Vk;
        vk.QueueWaitIdle(device.Queue);
        var commandBuffer = buffer;
        vk.FreeCommandBuffers(device.Handle, device.CommandPool, 1, &commandBuffer);
        vk.DestroyFence(device.Handle, fence, null);
    }
}
