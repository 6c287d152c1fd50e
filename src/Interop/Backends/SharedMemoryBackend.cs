using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// The CUDA-interop backend's Vulkan half: frames through memory shared with CUDA, with no CPU wait and no pixel in
/// host memory. Per frame N, on one timeline semaphore T shared with the compute side:
/// <list type="number">
/// <item>Vulkan copy-in (waits T = 2N: the compute side is done with the previous frame's shared buffers): copies the
/// input's render region into the shared input buffer, signals T = 2N+1 ("input ready").</item>
/// <item>Compute (<see cref="IExternalFrameCompute"/>; CUDA on its legacy stream): waits T = 2N+1, copies the shared
/// input into the pipeline's input tensor, runs the network, copies the output tensor into the shared output buffer,
/// signals T = 2N+2 ("output ready").</item>
/// <item>Vulkan copy-out (waits T = 2N+2): copies the shared output into the output image and transitions it; its
/// fence tells the CPU when the slot's command buffers may be recorded again.</item>
/// </list>
/// Two slots of command buffers let the CPU record frame N+1 while frame N runs; the shared buffers are single, so
/// frames follow each other on the GPU. Timestamps and the compute side's timings give each frame's time split
/// without waiting. Every object is made at construction: a dispatch allocates nothing.
/// </summary>
internal sealed unsafe class SharedMemoryBackend : IVulkanFrameBackend
{
    public const int Slots = 2;

    private readonly VulkanDevice device;
    private readonly FrameProcessor processor;
    private readonly IExternalFrameCompute compute;
    private readonly ResourceStack resources = new();
    private readonly ExportableBuffer sharedInput;
    private readonly ExportableBuffer sharedOutput;
    private readonly TimelineSemaphore timeline;
    private readonly TimestampQueries timestamps;
    private readonly CommandBuffer[] copyIn = new CommandBuffer[Slots];
    private readonly CommandBuffer[] copyOut = new CommandBuffer[Slots];
    private readonly Fence[] done = new Fence[Slots];
    private readonly bool[] pending = new bool[Slots];
    private ulong frameIndex;
    private bool disposed;

    /// <param name="compute">Owned: disposed with the backend, before the Vulkan objects it imported.</param>
    public SharedMemoryBackend(VulkanDevice device, FrameProcessor processor, IExternalFrameCompute compute)
    {
        this.device = device;
        this.processor = processor;
        this.compute = compute;
        try
        {
            ulong inputBytes = (ulong)processor.MaxRenderSize.Pixels * PixelFormats.BytesPerPixel;
            ulong outputBytes = (ulong)processor.DisplaySize.Pixels * PixelFormats.BytesPerPixel;
            sharedInput = resources.Add(ExportableBuffer.Create(device, inputBytes, BufferUsageFlags.TransferDstBit));
            sharedOutput = resources.Add(ExportableBuffer.Create(device, outputBytes, BufferUsageFlags.TransferSrcBit));
            timeline = resources.Add(TimelineSemaphore.Create(device, 0, exportable: compute.ImportsTimeline));
            timestamps = resources.Add(new TimestampQueries(device, Slots, 4));
            for (int slot = 0; slot < Slots; slot++)
            {
                copyIn[slot] = SubmitHelper.AllocateCommandBuffer(device);
                copyOut[slot] = SubmitHelper.AllocateCommandBuffer(device);
                var fence = done[slot] = SubmitHelper.CreateFence(device, signalled: false);
                resources.Add(() => device.Vk.DestroyFence(device.Handle, fence, null));
            }
            // The compute side's imports are released before the Vulkan objects they alias (the stack releases in reverse).
            resources.Add(compute);
            compute.Attach(sharedInput, sharedOutput, timeline);
        }
        catch
        {
            resources.Dispose();
            throw;
        }
    }

    public FrameTimings LastTimings { get; private set; }

    /// <summary>The timeline value that means "the last dispatched frame's output is ready".</summary>
    public ulong LastOutputReadyValue => 2 * frameIndex;

    /// <summary>The shared timeline semaphore (for tests and diagnostics).</summary>
    public TimelineSemaphore Timeline => timeline;

    public void Dispatch(in CheckedDispatch frame)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var vk = device.Vk;
        var pipeline = processor.PipelineFor(frame.RenderSize);
        int slot = (int)(frameIndex % Slots);
        Harvest(slot);
        ulong previousOutputReady = 2 * frameIndex, inputReady = previousOutputReady + 1, outputReady = previousOutputReady + 2;

        var input = copyIn[slot];
        SubmitHelper.Begin(device, input);
        timestamps.Reset(input, slot);
        timestamps.Write(input, slot, 0, PipelineStageFlags.TopOfPipeBit);
        FrameCopyCommands.AfterEarlierTransfers(vk, input);
        FrameCopyCommands.RecordCopyIn(vk, input, frame, sharedInput.Handle, FrameCopyCommands.BufferOwner.External, device.QueueFamilyIndex);
        timestamps.Write(input, slot, 1, PipelineStageFlags.BottomOfPipeBit);
        SubmitHelper.End(device, input);
        SubmitHelper.Submit(device, input, default, timeline.Handle, previousOutputReady, PipelineStageFlags.AllCommandsBit, timeline.Handle, inputReady);
        // From here on the frame's timeline values are spent: a failure below must still complete them.
        frameIndex++;

        try
        {
            compute.MakeCurrent();
            compute.Enqueue(slot, pipeline, frame.InputOrder, frame.OutputOrder, frame.Noise, inputReady, outputReady);
        }
        catch
        {
            // Leave the timeline where the next frame expects it, so that the engine's queue never waits forever.
            timeline.Wait(inputReady, Timeout.InfiniteTimeSpan);
            if (timeline.Value < outputReady) timeline.Signal(outputReady);
            throw;
        }

        var output = copyOut[slot];
        SubmitHelper.Begin(device, output);
        timestamps.Write(output, slot, 2, PipelineStageFlags.TopOfPipeBit);
        FrameCopyCommands.RecordCopyOut(vk, output, frame, sharedOutput.Handle, FrameCopyCommands.BufferOwner.External, device.QueueFamilyIndex);
        timestamps.Write(output, slot, 3, PipelineStageFlags.BottomOfPipeBit);
        SubmitHelper.End(device, output);
        SubmitHelper.Submit(device, output, done[slot], timeline.Handle, outputReady, PipelineStageFlags.AllCommandsBit);
        pending[slot] = true;
    }

    public void WaitIdle()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        // Oldest slot first, so that LastTimings ends with the newest frame.
        for (ulong i = 0; i < Slots; i++) Harvest((int)((frameIndex + i) % Slots));
    }

    /// <summary>Waits for the slot's previous frame, if any, and reads its time split.</summary>
    private void Harvest(int slot)
    {
        if (!pending[slot]) return;
        SubmitHelper.WaitAndReset(device, done[slot]);
        pending[slot] = false;
        var (copyInMs, networkMs, copyOutMs) = compute.Timings(slot);
        LastTimings = new FrameTimings(timestamps.Milliseconds(slot, 0, 1) + copyInMs, networkMs, copyOutMs + timestamps.Milliseconds(slot, 2, 3));
    }

    public void Dispose()
    {
        if (disposed) return;
        try
        {
            for (int slot = 0; slot < Slots; slot++)
                if (pending[slot]) SubmitHelper.Wait(device, done[slot]);
            compute.Synchronize();
        }
        finally
        {
            disposed = true;
            FreeCommandBuffers();
            resources.Dispose();
        }
    }

    private void FreeCommandBuffers()
    {
        var buffers = stackalloc CommandBuffer[2 * Slots];
        for (int slot = 0; slot < Slots; slot++)
        {
            buffers[2 * slot] = copyIn[slot];
            buffers[2 * slot + 1] = copyOut[slot];
        }
        device.Vk.FreeCommandBuffers(device.Handle, device.CommandPool, 2 * Slots, buffers);
    }
}
