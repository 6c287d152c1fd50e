using System.Diagnostics;
using GdpoRealtime.Interop.Backends;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using Silk.NET.Vulkan;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Interop.Backends;

/// <summary>
/// Host staging in the engine's one submission: the engine's thread only records, the network runs on the backend's
/// worker thread, and a failure there reaches the engine at its next call without stopping the context.
/// </summary>
public class HostStagingRecordedTests
{
    [TestCase(480, 270)]
    [TestCase(960, 540)]
    public void DispatchReturnsInWellUnderTheNetworkTime(int width, int height)
    {
        var gpu = VulkanTests.Gpu;
        var render = new FrameSize(width, height);
        var display = new FrameSize(2 * width, 2 * height);
        using var input = VulkanFrames.Image(gpu, render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(TestFrames.Mosaic(render)));
        using var upscaler = VulkanUpscaler.Create(new VulkanUpscalerDescription
        {
            Vulkan = VulkanDeviceHandles.From(gpu.Device),
            Backend = BackendPreference.HostStaging,
            Upscaling = new UpscalerDescription { DisplaySize = display, Model = TestFrames.X2, Device = DevicePreference.Cpu },
        });
        var frame = new VulkanDispatchDescription
        {
            Input = VulkanFrames.Describe(input),
            Output = VulkanFrames.Describe(output, ImageLayout.Undefined),
            OutputFinalLayout = ImageLayout.ShaderReadOnlyOptimal,
        };

        // The context's own submissions: Dispatch holds the engine's thread for the readback and the network.
        var watch = new Stopwatch();
        double submittedDispatch = double.MaxValue;
        for (int i = 0; i < 2; i++)
        {
            watch.Restart();
            upscaler.Dispatch(frame);
            submittedDispatch = Math.Min(submittedDispatch, watch.Elapsed.TotalMilliseconds);
            upscaler.WaitIdle();
        }
        output.Layout = ImageLayout.ShaderReadOnlyOptimal;
        var submittedOutput = VulkanFrames.Download(gpu, output);
        var submittedTimings = upscaler.LastTimings;

        // The engine's one submission a frame: Dispatch records and returns.
        var timeline = ((HostStagingBackend)upscaler.Implementation).Timeline!;
        const int frames = 3;
        var dispatches = new double[frames];
        using (var engine = new EngineFrames(gpu.Device, framesInFlight: frames))
        {
            for (int i = 0; i < frames; i++)
            {
                var commands = engine.Begin();
                watch.Restart();
                var semaphores = upscaler.Dispatch(frame with { CommandBuffer = commands.Handle, Output = VulkanFrames.Describe(output, ImageLayout.Undefined) });
                dispatches[i] = watch.Elapsed.TotalMilliseconds;
                engine.Submit(semaphores);
                // Returned and submitted while the frame's network has not run: its "output ready" is still to come.
                Assert.That(timeline.Value, Is.LessThan(semaphores.SignalValue + 1), $"frame {i}: the network ran after Dispatch and the submission returned");
            }
            upscaler.WaitIdle();
            engine.WaitAll();
        }
        double network = upscaler.LastTimings.NetworkMilliseconds;
        TestContext.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"host staging {render} -> {display} on {upscaler.VulkanDeviceName}: submitted form, Dispatch blocks {submittedDispatch:F1} ms ({submittedTimings}); " +
            $"recorded form, Dispatch returns in {string.Join(", ", dispatches.Select(d => d.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} ms; " +
            $"the worker's network {network:F1} ms ({upscaler.LastTimings})"));
        Assert.That(network, Is.GreaterThan(0), "the worker measured the network");
        Assert.That(dispatches.Max(), Is.LessThan(network / 2), "the engine's thread never waits for the network");
        Assert.That(VulkanFrames.Download(gpu, output), Is.EqualTo(submittedOutput), "the same frame, bit for bit, through the engine's submission");
    }

    [Test]
    public void RecordingMoreFramesAheadOfTheSubmissionsThanTheWorkerHoldsFailsInsteadOfWaitingForever()
    {
        var gpu = VulkanTests.Gpu;
        var render = new FrameSize(32, 24);
        var display = new FrameSize(64, 48);
        using var input = VulkanFrames.Image(gpu, render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        var image = TestFrames.Image(render, which: 3);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(image));
        using var upscaler = VulkanUpscaler.Create(new VulkanUpscalerDescription
        {
            Vulkan = VulkanDeviceHandles.From(gpu.Device),
            Backend = BackendPreference.HostStaging,
            Upscaling = new UpscalerDescription { DisplaySize = display, Model = TestFrames.X2, NoiseSeed = 2, Device = DevicePreference.Cpu },
        });
        const int held = HostStagingBackend.MaxRecordedFramesInFlight;
        using var engine = new EngineFrames(gpu.Device, framesInFlight: held + 1);
        VulkanDispatchDescription Frame(CommandBuffer commands) => new()
        {
            Input = VulkanFrames.Describe(input),
            Output = VulkanFrames.Describe(output, ImageLayout.Undefined),
            OutputFinalLayout = ImageLayout.ShaderReadOnlyOptimal,
            CommandBuffer = commands.Handle,
        };

        // An engine recording frame after frame and submitting none of them.
        for (int i = 0; i < held; i++)
        {
            upscaler.Dispatch(Frame(engine.Begin()));
            engine.Discard();
        }
        var oneMore = engine.Begin();
        var dispatch = Task.Run(() => upscaler.Dispatch(Frame(oneMore)));
        Assert.That(((IAsyncResult)dispatch).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), Is.True, "the dispatch returns (with an error) instead of waiting forever");
        var error = dispatch.Exception?.InnerException as InvalidOperationException;
        Assert.That(error?.Message, Does.Contain($"{held} frames were recorded into command buffers not yet submitted").And.Contain("discard this frame's command buffer"));
        engine.Discard();
        Assert.That(upscaler.DispatchCount, Is.EqualTo(held));

        // The frames never submitted are given up, and the context carries on: two frames, the second showing the first.
        var given = Assert.Throws<InvalidOperationException>(upscaler.WaitIdle)!;
        Assert.That(given.Message, Does.Contain($"{held} frame(s) were recorded into command buffers that were never submitted"));
        for (int i = 0; i < 2; i++)
        {
            var commands = engine.Begin();
            engine.Submit(upscaler.Dispatch(Frame(commands)));
        }
        upscaler.WaitIdle();
        engine.WaitAll();
        output.Layout = ImageLayout.ShaderReadOnlyOptimal;
        var result = TestFrames.ToImage(VulkanFrames.Download(gpu, output), display);
        Assert.That(result.Pixels, Is.EqualTo(TestFrames.CpuReference(image, seed: 2, strength: 1.0).Pixels));
    }

    /// <summary>Worker steps whose network fails once, as an out-of-memory error would.</summary>
    private sealed class FailingOnce(IFrameSteps<HostStagingWorker.Job> steps) : IFrameSteps<HostStagingWorker.Job>
    {
        public bool Fail { get; set; } = true;
        public FrameTiming Timing => steps.Timing;
        public void CopyIn(in HostStagingWorker.Job job) => steps.CopyIn(job);

        public void RunNetwork(in HostStagingWorker.Job job)
        {
            if (Fail)
            {
                Fail = false;
                throw new InvalidOperationException("network failed on the worker");
            }
            steps.RunNetwork(job);
        }

        public void CopyOut(in HostStagingWorker.Job job) => steps.CopyOut(job);
        public void Recover(in HostStagingWorker.Job job, FrameStep failed) => steps.Recover(job, failed);
    }

    [Test]
    public void ANetworkFailureOnTheWorkerReachesTheEnginesNextCallAndTheContextCarriesOn()
    {
        var gpu = VulkanTests.Gpu;
        var render = new FrameSize(64, 48);
        var display = new FrameSize(128, 96);
        var description = new UpscalerDescription { DisplaySize = display, Model = TestFrames.X2, NoiseStrength = 0.5, NoiseSeed = 3 };
        using var processor = FrameProcessor.Create(description, CPU);
        FailingOnce? failing = null;
        using var backend = new HostStagingBackend(gpu.Device, processor, steps => failing = new FailingOnce(steps));
        using var input = VulkanFrames.Image(gpu, render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        var image = TestFrames.Image(render, which: 1);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(image));
        using var engine = new EngineFrames(gpu.Device);
        CheckedDispatch Frame(CommandBuffer commands) => CheckedDispatch.From(new VulkanDispatchDescription
        {
            Input = VulkanFrames.Describe(input),
            Output = VulkanFrames.Describe(output, ImageLayout.Undefined),
            OutputFinalLayout = ImageLayout.ShaderReadOnlyOptimal,
            CommandBuffer = commands.Handle,
        }, render, display, processor.Noise);

        var first = engine.Begin();
        engine.Submit(backend.Dispatch(Frame(first)));
        // The failed frame still signals "output ready": the engine's next submission does not wait forever.
        Assert.That(backend.Timeline!.Wait(2, TimeSpan.FromSeconds(60)), Is.True);
        var waited = Stopwatch.StartNew();
        while (backend.PendingRecordedFrames > 0 && waited.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(5);
        var next = engine.Begin();
        var error = Assert.Throws<FrameFailedException>(() => backend.Dispatch(Frame(next)))!;
        Assert.That(error.Message, Does.Contain("network failed on the worker"));
        Assert.That(error.Fix, Does.Contain("usable"));
        Assert.That(failing!.Fail, Is.False);

        // Nothing was recorded for the refused call: the engine carries on with the same command buffer.
        engine.Submit(backend.Dispatch(Frame(next)));
        var last = engine.Begin();
        engine.Submit(backend.Dispatch(Frame(last)));
        backend.WaitIdle();
        engine.WaitAll();
        output.Layout = ImageLayout.ShaderReadOnlyOptimal;
        var result = TestFrames.ToImage(VulkanFrames.Download(gpu, output), display);
        Assert.That(result.Pixels, Is.EqualTo(TestFrames.CpuReference(image, seed: 3, strength: 0.5).Pixels), "the frame after the failure is whole");
    }
}
