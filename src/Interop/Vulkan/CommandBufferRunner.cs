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
        var allocate = new CommandBufferAllocateInfo
        {
            SType = StructureType.CommandBufferAllocateInfo,
            CommandPool = device.CommandPool,
            Level = CommandBufferLevel.Primary,
            CommandBufferCount = 1,
        };
        CommandBuffer commandBuffer;
        device.Vk.AllocateCommandBuffers(device.Handle, &allocate, &commandBuffer).Check("vkAllocateCommandBuffers");
        buffer = commandBuffer;
        var fenceInfo = new FenceCreateInfo { SType = StructureType.FenceCreateInfo };
        device.Vk.CreateFence(device.Handle, &fenceInfo, null, out fence).Check("vkCreateFence");
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

    public void Begin()
    {
        var vk = device.Vk;
        vk.ResetCommandBuffer(buffer, 0).Check("vkResetCommandBuffer");
        var begin = new CommandBufferBeginInfo
        {
            SType = StructureType.CommandBufferBeginInfo,
            Flags = CommandBufferUsageFlags.OneTimeSubmitBit,
        };
        vk.BeginCommandBuffer(buffer, &begin).Check("vkBeginCommandBuffer");
    }

    public void End() => device.Vk.EndCommandBuffer(buffer).Check("vkEndCommandBuffer");

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

    public void Wait()
    {
        var vk = device.Vk;
        var f = fence;
        vk.WaitForFences(device.Handle, 1, &f, true, ulong.MaxValue).Check("vkWaitForFences");
        vk.ResetFences(device.Handle, 1, &f).Check("vkResetFences");
    }

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
