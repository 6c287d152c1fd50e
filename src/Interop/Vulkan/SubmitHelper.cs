using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>Command buffers, fences and submissions, without managed allocations per frame (the backends' per-frame path).</summary>
internal static unsafe class SubmitHelper
{
    public static CommandBuffer AllocateCommandBuffer(VulkanDevice device)
    {
        var allocate = new CommandBufferAllocateInfo
        {
            SType = StructureType.CommandBufferAllocateInfo,
            CommandPool = device.CommandPool,
            Level = CommandBufferLevel.Primary,
            CommandBufferCount = 1,
        };
        CommandBuffer buffer;
        device.Vk.AllocateCommandBuffers(device.Handle, &allocate, &buffer).Check("vkAllocateCommandBuffers");
        device.CountCreated();
        return buffer;
    }

    public static Fence CreateFence(VulkanDevice device, bool signalled)
    {
        var info = new FenceCreateInfo { SType = StructureType.FenceCreateInfo, Flags = signalled ? FenceCreateFlags.SignaledBit : 0 };
        Fence fence;
        device.Vk.CreateFence(device.Handle, &info, null, &fence).Check("vkCreateFence");
        device.CountCreated();
        return fence;
    }

    public static void Begin(VulkanDevice device, CommandBuffer buffer)
    {
        device.Vk.ResetCommandBuffer(buffer, 0).Check("vkResetCommandBuffer");
        var begin = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        device.Vk.BeginCommandBuffer(buffer, &begin).Check("vkBeginCommandBuffer");
    }

    public static void End(VulkanDevice device, CommandBuffer buffer) => device.Vk.EndCommandBuffer(buffer).Check("vkEndCommandBuffer");

    /// <summary>Submits one command buffer, optionally waiting for and signalling timeline values; serialised with the device's other submissions.</summary>
    public static void Submit(VulkanDevice device, CommandBuffer buffer, Fence fence,
        Silk.NET.Vulkan.Semaphore waitSemaphore = default, ulong waitValue = 0, PipelineStageFlags waitStage = PipelineStageFlags.TransferBit,
        Silk.NET.Vulkan.Semaphore signalSemaphore = default, ulong signalValue = 0)
    {
        var commandBuffer = buffer;
        bool waits = waitSemaphore.Handle != 0, signals = signalSemaphore.Handle != 0;
        var timeline = new TimelineSemaphoreSubmitInfo
        {
            SType = StructureType.TimelineSemaphoreSubmitInfo,
            WaitSemaphoreValueCount = waits ? 1u : 0u,
            PWaitSemaphoreValues = &waitValue,
            SignalSemaphoreValueCount = signals ? 1u : 0u,
            PSignalSemaphoreValues = &signalValue,
        };
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo,
            PNext = waits || signals ? &timeline : null,
            CommandBufferCount = 1,
            PCommandBuffers = &commandBuffer,
            WaitSemaphoreCount = waits ? 1u : 0u,
            PWaitSemaphores = &waitSemaphore,
            PWaitDstStageMask = &waitStage,
            SignalSemaphoreCount = signals ? 1u : 0u,
            PSignalSemaphores = &signalSemaphore,
        };
        device.SubmitToQueue(submit, fence);
    }

    /// <summary>Waits for a fence and resets it.</summary>
    public static void WaitAndReset(VulkanDevice device, Fence fence)
    {
        var f = fence;
        device.Vk.WaitForFences(device.Handle, 1, &f, true, ulong.MaxValue).Check("vkWaitForFences");
        device.Vk.ResetFences(device.Handle, 1, &f).Check("vkResetFences");
    }

    public static void Wait(VulkanDevice device, Fence fence)
    {
        var f = fence;
        device.Vk.WaitForFences(device.Handle, 1, &f, true, ulong.MaxValue).Check("vkWaitForFences");
    }
}
