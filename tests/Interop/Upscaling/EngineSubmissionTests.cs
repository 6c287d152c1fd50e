using System.Diagnostics;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Rendering.Vulkan;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using Silk.NET.Vulkan;

using static GdpoRealtime.Tests.Interop.Upscaling.BackendUnderTest;

namespace GdpoRealtime.Tests.Interop.Upscaling;

/// <summary>
/// The upscaler inside the engine's one submission per frame, on every backend that runs here: Dispatch records into
/// the engine's command buffer and the engine submits once, with the semaphores the dispatch returned. Held to the
/// frames the context's own submissions make (bit for bit), one frame late where the network runs outside Vulkan (host
/// staging; CUDA interop's protocol, with a host thread playing CUDA), and to creating nothing per frame, with the
/// noise strength changing from one dispatch to the next.
/// </summary>
[TestFixtureSource(typeof(BackendUnderTest), nameof(BackendUnderTest.Names))]
public class EngineSubmissionTests(string backendName)
{
    private static readonly FrameSize Display = new(128, 96);
    private static readonly FrameSize Render = new(64, 48);

    private VulkanUpscaler Create(GpuContext gpu, FrameSize? display = null, FrameSize? render = null) =>
        BackendUnderTest.Create(gpu, backendName, display ?? Display, render ?? Render, noise: 0.5, seed: 11);

    private int ExpectedLatency => backendName == "vulkan-compute" ? 0 : 1;



    /// <summary>What the context's own submissions make of each frame: the reference the recorded form is held to.</summary>
    private byte[][] Submitted(GpuContext gpu, IReadOnlyList<GpuImage> inputs, IReadOnlyList<double?> strengths)
    {
        using var upscaler = Create(gpu);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        var results = new byte[inputs.Count][];
        for (int i = 0; i < inputs.Count; i++)
        {
            var semaphores = upscaler.Dispatch(Frame(inputs[i], output, strength: strengths[i]));
            Assert.That(semaphores.IsEmpty, Is.True, "the context's own submissions need nothing from the engine");
            upscaler.WaitIdle();
            results[i] = Read(gpu, output);
        }
        return results;
    }

    [Test]
    public void TheEnginesSingleSubmissionGivesTheContextsOwnFramesOneFrameLateWhereTheNetworkRunsOutsideVulkan()
    {
        var gpu = VulkanTests.Gpu;
        const int frames = 4;
        double?[] strengths = { null, null, 0.3, null };
        var inputs = Enumerable.Range(0, frames).Select(_ => VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage)).ToList();
        var outputs = Enumerable.Range(0, frames).Select(_ => VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage)).ToList();
        try
        {
            for (int i = 0; i < frames; i++) VulkanFrames.Upload(gpu, inputs[i], TestFrames.Pixels(TestFrames.Mosaic(Render, i)));
            var expected = Submitted(gpu, inputs, strengths);
            using (var upscaler = Create(gpu))
            using (var engine = new EngineFrames(gpu.Device, framesInFlight: frames))
            {
                Assert.That(upscaler.RecordsIntoCommandBuffer, Is.True);
                Assert.That(upscaler.RecordedFrameLatency, Is.EqualTo(ExpectedLatency));
                for (int i = 0; i < frames; i++)
                {
                    var commands = engine.Begin();
                    var semaphores = upscaler.Dispatch(Frame(inputs[i], outputs[i], commands.Handle, strengths[i]));
                    Assert.That(semaphores.IsEmpty, Is.EqualTo(ExpectedLatency == 0), "only a network outside Vulkan needs the submission's semaphores");
                    if (!semaphores.IsEmpty)
                    {
                        Assert.That((semaphores.WaitValue, semaphores.SignalValue), Is.EqualTo(((ulong)(2 * i), (ulong)(2 * i + 1))));
                        Assert.That(semaphores.WaitStage, Is.EqualTo(PipelineStageFlags.TransferBit));
                    }
                    engine.Submit(semaphores);
                }
                upscaler.WaitIdle();
                engine.WaitAll();
            }
            for (int i = 0; i < frames; i++)
            {
                var result = Read(gpu, outputs[i]);
                if (i < ExpectedLatency)
                {
                    Assert.That(Enumerable.Range(0, result.Length).All(b => result[b] == (b % 4 == 3 ? 255 : 0)), Is.True, "before any result: opaque black");
                    continue;
                }
                Assert.That(result, Is.EqualTo(expected[i - ExpectedLatency]), $"dispatch {i} shows frame {i - ExpectedLatency}, bit for bit the submitted form's");
            }
        }
        finally
        {
            foreach (var image in inputs.Concat(outputs)) image.Dispose();
        }
    }

    [Test]
    public void ManyRecordedDispatchesCreateNothingAndLeaveNoGarbageOnTheEnginesThread()
    {
        var gpu = VulkanTests.Gpu;
        var render = new FrameSize(8, 8);
        var display = new FrameSize(16, 16);
        using var input = VulkanFrames.Image(gpu, render, Format.R8G8B8A8Unorm, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, display, Format.R8G8B8A8Unorm, VulkanFrames.OutputUsage);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(TestFrames.Image(render)));
        using var upscaler = Create(gpu, display: display, render: render);
        using var engine = new EngineFrames(gpu.Device, framesInFlight: 3);
        var frame = Frame(input, output) with { Input = VulkanFrames.Describe(input, ImageLayout.ShaderReadOnlyOptimal) };

        void Run(int frames)
        {
            for (int i = 0; i < frames; i++)
            {
                var commands = engine.Begin();
                engine.Submit(upscaler.Dispatch(frame with { CommandBuffer = commands.Handle, NoiseStrength = i % 2 == 0 ? 0.5 : 0.25 }));
            }
        }

        Run(100);
        long objects = BackendUnderTest.ObjectsMade(upscaler);
        GC.Collect();
        long resident = Process.GetCurrentProcess().WorkingSet64;
        long managed = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        const int measured = 1000;
        Run(measured);
        watch.Stop();
        long managedPerFrame = (GC.GetAllocatedBytesForCurrentThread() - managed) / measured;
        upscaler.WaitIdle();
        engine.WaitAll();
        long residentGrowth = Process.GetCurrentProcess().WorkingSet64 - resident;
        long made = BackendUnderTest.ObjectsMade(upscaler) - objects;
        TestContext.Out.WriteLine($"{backendName}: {measured} recorded frames in {watch.Elapsed.TotalSeconds:F1} s (strength alternating 0.5/0.25): " +
                                  $"{made} Vulkan objects or allocations made, {managedPerFrame} managed bytes a frame on the engine's thread, " +
                                  $"resident memory {residentGrowth / 1e6:+0.0;-0.0} MB");
        Assert.That(made, Is.Zero, "no Vulkan object or device memory is made after warm-up");
        Assert.That(managedPerFrame, Is.LessThanOrEqualTo(8), "no managed garbage per dispatch on the engine's thread");
        Assert.That(residentGrowth, Is.LessThan(64L << 20), "host (and, on lavapipe, device) memory stays flat");
        Assert.That(upscaler.DispatchCount, Is.EqualTo(100 + measured));
    }

    [Test]
    public void ACommandBufferNeverSubmittedIsReportedAndTheContextCarriesOn()
    {
        var gpu = VulkanTests.Gpu;
        if (ExpectedLatency == 0) Assert.Ignore("vulkan-compute's recorded frames wait for nothing outside the engine's command buffer: an unsubmitted one leaves nothing pending");
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(TestFrames.Image(Render, which: 4)));
        var expected = Submitted(gpu, new[] { input }, new double?[] { null })[0];
        using var upscaler = Create(gpu);
        using var engine = new EngineFrames(gpu.Device);

        upscaler.Dispatch(Frame(input, output, engine.Begin().Handle));
        engine.Discard();
        var error = Assert.Throws<InvalidOperationException>(upscaler.WaitIdle)!;
        Assert.That(error.Message, Does.Contain("never submitted").And.Contain("discarded"));

        // The context goes on: two recorded frames, the second showing the first's result.
        for (int i = 0; i < 2; i++)
        {
            var commands = engine.Begin();
            engine.Submit(upscaler.Dispatch(Frame(input, output, commands.Handle)));
        }
        upscaler.WaitIdle();
        engine.WaitAll();
        Assert.That(Read(gpu, output), Is.EqualTo(expected));

        // And a frame the context submits itself after recorded ones is that frame's own output.
        upscaler.Dispatch(Frame(input, output, strength: 0.0));
        upscaler.WaitIdle();
        Assert.That(Read(gpu, output), Is.Not.EqualTo(expected), "the submitted frame's own strength, not the recorded frame's result");
    }
}
