using System.Diagnostics;
using System.Globalization;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Upscaling;
using Microsoft.Extensions.Logging;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Cli.Commands;

/// <summary>
/// gdpo-sr bench --engine: the engine runtime's per-frame cost on a Vulkan device, through its public API, for each
/// render -> display size and each backend the device offers (or the one named): the time split of a frame
/// (Vulkan-to-network handoff, network, handoff back; GPU times on CUDA interop and vulkan-compute), the CPU time of
/// the Dispatch call, the frame rate of back-to-back dispatches, the latency of one frame waited for, the network's
/// GFLOP/s at that latency, and the ratio of TorchSharp's CPU time for the same network and frame to it (above 1:
/// faster than libtorch on the CPU). Medians over the timed frames, warm-up excluded.
/// </summary>
public static class EngineBench
{
    public sealed record Settings(IReadOnlyList<(FrameSize Render, FrameSize Display)> Pairs, int Runs, int Warmup, double Noise,
        BackendPreference Backend, DevicePreference Device, string? TorchLibDirectory, LoadedCheckpoint Model,
        Precision Precision = Precision.Automatic);

    /// <summary>Parses "960x540:1920x1080,1920x1080:3840x2160".</summary>
    public static IReadOnlyList<(FrameSize Render, FrameSize Display)> ParsePairs(string text)
    {
        var pairs = new List<(FrameSize, FrameSize)>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var sides = item.Split(':');
            if (sides.Length != 2)
                throw new InvalidSettingException($"'{item}' is not a size pair", "Write RENDERxSIZE:DISPLAYxSIZE pairs, for example 960x540:1920x1080.");
            var (rw, rh) = FrameSizes.ParseSize(sides[0]);
            var (dw, dh) = FrameSizes.ParseSize(sides[1]);
            pairs.Add((new FrameSize(rw, rh), new FrameSize(dw, dh)));
        }
        if (pairs.Count == 0) throw new InvalidSettingException("No size pair was given", "Pass for example --pairs 960x540:1920x1080.");
        return pairs;
    }

    /// <summary>The backends a run measures: every one for auto, in the automatic order, else the one named.</summary>
    private static IReadOnlyList<BackendPreference> BackendsOf(BackendPreference preference) => preference == BackendPreference.Auto
        ? new[] { BackendPreference.CudaInterop, BackendPreference.VulkanCompute, BackendPreference.HostStaging }
        : new[] { preference };

    public static void Run(Settings settings, ILogger logger, TextWriter output)
    {
        using var gpu = GpuContext.CreateOffscreen(logger);
        output.WriteLine($"engine bench on {gpu.Device.Physical}, {Environment.ProcessorCount} logical CPUs; median of {settings.Runs} frames after {settings.Warmup} warm-up:");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {"render -> display",-24} {"backend",-16} {"handoff in",11} {"network",11} {"handoff out",11} {"total",11} {"Dispatch CPU",13} {"back-to-back",13} {"one frame",11} {"GFLOP/s",9} {"vs TorchSharp CPU",18}"));
        foreach (var (render, display) in settings.Pairs)
        {
            var reference = TorchReference.Measure(settings.Model, render, settings.Noise, settings.Runs, settings.Warmup);
            double gigaflops = settings.Model.Architecture.GigaFlopsPerFrame(settings.Model.Architecture.Scale.OutputSize(render.Width),
                settings.Model.Architecture.Scale.OutputSize(render.Height));
            string pair = $"{render} -> {display}";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {pair,-24} {"TorchSharp CPU",-16} {"",11} {reference,8:F3} ms {"",11} {reference,8:F3} ms {"",13} {1000 / reference,8:F1} fps {reference,8:F3} ms {gigaflops / reference * 1000,9:F1} {1.0,17:F2}x"));
            output.WriteLine($"    the network alone through libtorch on the CPU ({gigaflops:F1} GFLOP a frame), as 'gdpo-sr bench' runs it");
            foreach (var backend in BackendsOf(settings.Backend))
            {
                Row row;
                try { row = Measure(gpu, settings, backend, render, display, logger); }
                catch (BackendUnavailableException e) when (settings.Backend == BackendPreference.Auto)
                {
                    output.WriteLine($"  {pair,-24} {BackendNames.Of(Kind(backend)),-16} unavailable: {e.Cause}");
                    continue;
                }
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {pair,-24} {BackendNames.Of(row.Backend),-16} {row.HandoffIn,8:F3} ms {row.Network,8:F3} ms {row.HandoffOut,8:F3} ms {row.Total,8:F3} ms {row.DispatchCpu,10:F3} ms {row.FramesPerSecond,8:F1} fps {row.Latency,8:F3} ms {gigaflops / row.Latency * 1000,9:F1} {reference / row.Latency,17:F2}x"));
                output.WriteLine($"    {row.Description}");
            }
        }
        output.WriteLine("  handoff in: image -> shared/staging/frame buffer -> network input; handoff out: network output -> buffer -> image.");
        output.WriteLine("  CUDA interop and vulkan-compute: GPU times (timestamps); host staging: wall-clock times. back-to-back: frames/s dispatching without waiting;");
        output.WriteLine("  one frame: Dispatch + WaitIdle (GFLOP/s and the ratio to TorchSharp on the CPU are taken at this latency: the network's FLOPs only).");
    }

    private static BackendKind Kind(BackendPreference preference) => preference switch
    {
        BackendPreference.CudaInterop => BackendKind.CudaInterop,
        BackendPreference.VulkanCompute => BackendKind.VulkanCompute,
        _ => BackendKind.HostStaging,
    };

    private sealed record Row(BackendKind Backend, string Description, double HandoffIn, double Network, double HandoffOut, double DispatchCpu, double FramesPerSecond, double Latency)
    {
        public double Total => HandoffIn + Network + HandoffOut;
    }

    private static Row Measure(GpuContext gpu, Settings settings, BackendPreference backend, FrameSize render, FrameSize display, ILogger logger)
    {
        using var input = GpuImage.Create(gpu.Device, new GpuImageDescription
        {
            Width = (uint)render.Width, Height = (uint)render.Height, Format = Format.R8G8B8A8Srgb,
            Usage = ImageUsageFlags.TransferSrcBit | ImageUsageFlags.TransferDstBit | ImageUsageFlags.SampledBit,
        });
        using var target = GpuImage.Create(gpu.Device, new GpuImageDescription
        {
            Width = (uint)display.Width, Height = (uint)display.Height, Format = Format.R8G8B8A8Srgb,
            Usage = ImageUsageFlags.TransferDstBit | ImageUsageFlags.SampledBit,
        });
        FillWithNoise(gpu, input, render);
        using var upscaler = VulkanUpscaler.Create(new VulkanUpscalerDescription
        {
            Vulkan = VulkanDeviceHandles.From(gpu.Device),
            Backend = backend,
            Upscaling = new UpscalerDescription
            {
                DisplaySize = display,
                MaxRenderSize = render,
                Model = settings.Model,
                NoiseStrength = settings.Noise,
                Precision = settings.Precision,
                Device = settings.Device,
                TorchLibraryDirectory = settings.TorchLibDirectory,
                Logger = logger,
            },
        });
        var frame = new VulkanDispatchDescription
        {
            Input = new VulkanImageDescription { Image = input.Handle.Handle, Format = input.Format, Size = render, Usage = input.Description.Usage, Layout = ImageLayout.ShaderReadOnlyOptimal },
            Output = new VulkanImageDescription { Image = target.Handle.Handle, Format = target.Format, Size = display, Usage = target.Description.Usage, Layout = ImageLayout.Undefined },
            OutputFinalLayout = ImageLayout.ShaderReadOnlyOptimal,
        };

        for (int i = 0; i < settings.Warmup; i++) upscaler.Dispatch(frame);
        upscaler.WaitIdle();

        // Back to back, as a game dispatches: the CPU cost of the call and the rate.
        var handoffIn = new List<double>();
        var network = new List<double>();
        var handoffOut = new List<double>();
        var dispatchCpu = new List<double>();
        var wall = Stopwatch.StartNew();
        var call = new Stopwatch();
        for (int i = 0; i < settings.Runs; i++)
        {
            call.Restart();
            upscaler.Dispatch(frame);
            dispatchCpu.Add(call.Elapsed.TotalMilliseconds);
        }
        upscaler.WaitIdle();
        double seconds = wall.Elapsed.TotalSeconds;

        // One frame at a time: the latency from Dispatch to the output being written, and the frame's split (taken
        // here, where no earlier frame is queued ahead of it: GPU timestamps of queued frames include the wait).
        var latency = new List<double>();
        for (int i = 0; i < Math.Min(settings.Runs, 50); i++)
        {
            call.Restart();
            upscaler.Dispatch(frame);
            upscaler.WaitIdle();
            latency.Add(call.Elapsed.TotalMilliseconds);
            Add(upscaler.LastTimings);
        }
        return new Row(upscaler.Backend.Kind, $"{upscaler.Backend.Describe()}; network on {upscaler.NetworkDevice}",
            Median(handoffIn), Median(network), Median(handoffOut), Median(dispatchCpu), settings.Runs / seconds, Median(latency));

        void Add(FrameTimings timings)
        {
            if (!timings.IsMeasured) return;
            handoffIn.Add(timings.HandoffInMilliseconds);
            network.Add(timings.NetworkMilliseconds);
            handoffOut.Add(timings.HandoffOutMilliseconds);
        }
    }

    private static void FillWithNoise(GpuContext gpu, GpuImage image, FrameSize size)
    {
        // Content does not change the network's cost; a fixed pseudo-random frame keeps runs comparable.
        var pixels = new byte[size.Pixels * 4];
        new Random(1).NextBytes(pixels);
        for (int i = 3; i < pixels.Length; i += 4) pixels[i] = 255;
        using var staging = GpuBuffer.CreateHostVisible(gpu.Device, (ulong)pixels.Length, BufferUsageFlags.TransferSrcBit);
        staging.Write<byte>(pixels);
        gpu.Commands.Run(cmd =>
        {
            ImageTransfers.CopyBufferToImage(gpu.Device.Vk, cmd, staging, image);
            image.TransitionTo(cmd, ImageLayout.ShaderReadOnlyOptimal);
        });
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        int middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
