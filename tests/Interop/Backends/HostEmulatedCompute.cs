using System.Collections.Concurrent;
using System.Diagnostics;
using GdpoRealtime.Interop.Backends;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Tests.Interop.Backends;

/// <summary>
/// CUDA's part of the interop protocol played by a host thread, for machines without CUDA: it maps the shared
/// buffers (lavapipe's device memory is host-visible), waits on the timeline for "input ready" from the host, runs
/// the network on the CPU, writes the shared output and signals "output ready". The Vulkan half under test is the
/// product's own code, unchanged.
/// </summary>
internal sealed unsafe class HostEmulatedCompute : ICudaInteropCompute
{
    private readonly VulkanDevice device;
    private readonly BlockingCollection<Work> queue = new();
    private readonly Thread worker;
    private readonly (double CopyIn, double Network, double CopyOut)[] timings = new (double, double, double)[2];
    private readonly ConcurrentQueue<ulong> order = new();
    private readonly ManualResetEventSlim idle = new(true);
    private int outstanding;
    private ExportableBuffer? sharedInput;
    private ExportableBuffer? sharedOutput;
    private byte* input;
    private byte* output;
    private TimelineSemaphore? timeline;
    private Exception? failure;

    public HostEmulatedCompute(VulkanDevice device)
    {
        this.device = device;
        worker = new Thread(Run) { IsBackground = true, Name = "emulated CUDA stream" };
        worker.Start();
    }

    /// <summary>Milliseconds the emulated stream sleeps after reading a frame's input, to give a racing copy-in every chance to overwrite it.</summary>
    public int DelayMilliseconds { get; init; }

    /// <summary>Makes the next <see cref="Enqueue"/> throw, as a failing CUDA call would.</summary>
    public bool FailNextEnqueue { get; set; }

    /// <summary>The "input ready" values in the order the emulated stream consumed them.</summary>
    public IReadOnlyList<ulong> Order => order.ToArray();

    public bool ImportsTimeline => false;

    /// <summary>Whether this device's exportable memory can be mapped (true on CPU drivers such as lavapipe).</summary>
    public static bool CanEmulate(VulkanDevice device, out string reason)
    {
        using var probe = ExportableBuffer.Create(device, 64, BufferUsageFlags.TransferDstBit);
        var flags = device.MemoryProperties.MemoryTypes[(int)probe.MemoryTypeIndex].PropertyFlags;
        bool visible = (flags & MemoryPropertyFlags.HostVisibleBit) != 0 && (flags & MemoryPropertyFlags.HostCoherentBit) != 0;
        reason = visible ? "" : $"{device.Physical.Name}'s exportable memory is not host-visible, so the host cannot play CUDA's part (the GPU tests cover this device)";
        return visible;
    }

    public void Attach(ExportableBuffer sharedInputBuffer, ExportableBuffer sharedOutputBuffer, TimelineSemaphore sharedTimeline)
    {
        sharedInput = sharedInputBuffer;
        sharedOutput = sharedOutputBuffer;
        timeline = sharedTimeline;
        void* mapped;
        device.Vk.MapMemory(device.Handle, sharedInputBuffer.Memory, 0, Vk.WholeSize, 0, &mapped).Check("vkMapMemory (shared input)");
        input = (byte*)mapped;
        device.Vk.MapMemory(device.Handle, sharedOutputBuffer.Memory, 0, Vk.WholeSize, 0, &mapped).Check("vkMapMemory (shared output)");
        output = (byte*)mapped;
    }

    public void MakeCurrent()
    {
    }

    public void Enqueue(int slot, FrameNetwork network, ChannelOrder inputOrder, ChannelOrder outputOrder, NoiseSetting noise, ulong inputReady, ulong outputReady)
    {
        if (failure is not null) throw new InvalidOperationException("The emulated stream failed earlier.", failure);
        if (FailNextEnqueue)
        {
            FailNextEnqueue = false;
            throw new InvalidOperationException("emulated CUDA failure");
        }
        Interlocked.Increment(ref outstanding);
        idle.Reset();
        queue.Add(new Work(slot, network, inputOrder, outputOrder, noise, inputReady, outputReady));
    }

    public (double CopyIn, double Network, double CopyOut) Timings(int slot) => timings[slot];

    public void Synchronize()
    {
        if (!idle.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException("The emulated stream did not finish its frames in 60 s.");
        if (failure is not null) throw new InvalidOperationException("The emulated stream failed.", failure);
    }

    private void Run()
    {
        foreach (var work in queue.GetConsumingEnumerable())
        {
            try
            {
                if (!timeline!.Wait(work.InputReady, TimeSpan.FromSeconds(60)))
                    throw new TimeoutException($"'input ready' {work.InputReady} never came");
                order.Enqueue(work.InputReady);
                var watch = Stopwatch.StartNew();
                System.Buffer.MemoryCopy(input, (void*)work.Network.InputAddress, work.Network.InputBytes, work.Network.InputBytes);
                if (DelayMilliseconds > 0) Thread.Sleep(DelayMilliseconds);
                double copyIn = watch.Elapsed.TotalMilliseconds;
                work.Network.Noise = work.Noise;
                work.Network.Execute(work.Input, work.Output);
                double network = watch.Elapsed.TotalMilliseconds - copyIn;
                System.Buffer.MemoryCopy((void*)work.Network.OutputAddress, output, (long)sharedOutput!.Size, work.Network.OutputBytes);
                timings[work.Slot] = (copyIn, network, watch.Elapsed.TotalMilliseconds - copyIn - network);
                timeline.Signal(work.OutputReady);
            }
            catch (Exception e)
            {
                failure ??= e;
            }
            finally
            {
                if (Interlocked.Decrement(ref outstanding) == 0) idle.Set();
            }
        }
    }

    public void Dispose()
    {
        queue.CompleteAdding();
        worker.Join();
        if (input != null) device.Vk.UnmapMemory(device.Handle, sharedInput!.Memory);
        if (output != null) device.Vk.UnmapMemory(device.Handle, sharedOutput!.Memory);
        input = output = null;
        queue.Dispose();
        idle.Dispose();
    }

    // A struct: queueing a frame allocates nothing, as CUDA's Enqueue does not.
    private readonly record struct Work(int Slot, FrameNetwork Network, ChannelOrder Input, ChannelOrder Output, NoiseSetting Noise, ulong InputReady, ulong OutputReady);
}
