using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace GdpoRealtime.Tests.Support;

/// <summary>
/// An engine's frame loop as the README's integration snippet writes it: a ring of command buffers, each recorded with
/// the upscaler's dispatch among the engine's own commands and submitted once, adding the semaphores the dispatch
/// returned to the submission (VkTimelineSemaphoreSubmitInfo), with a fence per frame that the engine waits for only
/// before reusing that frame's command buffer.
/// </summary>
public sealed unsafe class EngineFrames : IDisposable
{
    private readonly VulkanDevice device;
    private readonly CommandBuffer[] buffers;
    private readonly Fence[] fences;
    private readonly bool[] inFlight;
    private int current = -1;
    private long frames;

    public EngineFrames(VulkanDevice device, int framesInFlight = 2)
    {
        this.device = device;
        buffers = new CommandBuffer[framesInFlight];
        fences = new Fence[framesInFlight];
        inFlight = new bool[framesInFlight];
        for (int i = 0; i < framesInFlight; i++)
        {
            buffers[i] = SubmitHelper.AllocateCommandBuffer(device);
            fences[i] = SubmitHelper.CreateFence(device, signalled: false);
        }
    }

    /// <summary>Starts the next frame: waits for the frame that last used its command buffer, then begins recording.</summary>
    public CommandBuffer Begin()
    {
        current = (int)(frames++ % buffers.Length);
        if (inFlight[current]) SubmitHelper.WaitAndReset(device, fences[current]);
        inFlight[current] = false;
        SubmitHelper.Begin(device, buffers[current]);
        return buffers[current];
    }

    /// <summary>Ends the frame's command buffer and submits it once, with the upscaler's wait and signal added (none when empty).</summary>
    public void Submit(VulkanDispatchSemaphores upscaler)
    {
        var commandBuffer = buffers[current];
        device.Vk.EndCommandBuffer(commandBuffer).Check("vkEndCommandBuffer");
        var wait = new Semaphore(upscaler.WaitSemaphore);
        var signal = new Semaphore(upscaler.SignalSemaphore);
        ulong waitValue = upscaler.WaitValue, signalValue = upscaler.SignalValue;
        var waitStage = upscaler.WaitStage;
        var timeline = new TimelineSemaphoreSubmitInfo
        {
            SType = StructureType.TimelineSemaphoreSubmitInfo,
            WaitSemaphoreValueCount = upscaler.WaitSemaphore == 0 ? 0u : 1u,
            PWaitSemaphoreValues = &waitValue,
            SignalSemaphoreValueCount = upscaler.SignalSemaphore == 0 ? 0u : 1u,
            PSignalSemaphoreValues = &signalValue,
        };
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo,
            PNext = upscaler.IsEmpty ? null : &timeline,
            WaitSemaphoreCount = upscaler.WaitSemaphore == 0 ? 0u : 1u,
            PWaitSemaphores = &wait,
            PWaitDstStageMask = &waitStage,
            CommandBufferCount = 1,
            PCommandBuffers = &commandBuffer,
            SignalSemaphoreCount = upscaler.SignalSemaphore == 0 ? 0u : 1u,
            PSignalSemaphores = &signal,
        };
        device.SubmitToQueue(submit, fences[current]);
        inFlight[current] = true;
    }

    /// <summary>Ends the frame's command buffer without submitting it (an engine that drops a frame).</summary>
    public void Discard()
    {
        device.Vk.EndCommandBuffer(buffers[current]).Check("vkEndCommandBuffer");
    }

    /// <summary>Waits for every submitted frame.</summary>
    public void WaitAll()
    {
        for (int i = 0; i < buffers.Length; i++)
        {
            if (!inFlight[i]) continue;
            SubmitHelper.WaitAndReset(device, fences[i]);
            inFlight[i] = false;
        }
    }

    public void Dispose()
    {
        device.Vk.QueueWaitIdle(device.Queue);
        for (int i = 0; i < buffers.Length; i++)
        {
            var buffer = buffers[i];
            device.Vk.FreeCommandBuffers(device.Handle, device.CommandPool, 1, &buffer);
            device.Vk.DestroyFence(device.Handle, fences[i], null);
        }
    }
}
