using System.Diagnostics;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Demo.Upscaling;

/// <summary>
/// Our network, the host-staging way: the low-res frame is read back, upscaled by
/// <see cref="ImageUpscaler"/> on the model's device (the CPU through TorchSharp here) with a fixed noise
/// field, and uploaded. Until the runtime's Vulkan-interop backend exists this is the demo's path.
/// </summary>
public sealed class ModelUpscaler : IFrameUpscaler
{
    private readonly SceneRenderer renderer;
    private readonly NoiseAwareOneStepModel model;
    private readonly OutputImage output;
    private readonly long seed;
    private NoiseField noise;
    private ImageUpscaler upscaler;

    /// <param name="model">Used, not owned: the caller disposes it.</param>
    public ModelUpscaler(SceneRenderer renderer, NoiseAwareOneStepModel model, long seed, double noiseStrength)
    {
        this.renderer = renderer;
        this.model = model;
        this.seed = seed;
        output = new OutputImage(renderer.Gpu);
        noise = new NoiseField(seed, noiseStrength);
        upscaler = new ImageUpscaler(model, noise);
    }

    public UpscaleMode Mode => UpscaleMode.Model;
    public string Label => $"GdpoRealtime x{model.Scale}, noise {NoiseStrength:0.0#}";

    public double NoiseStrength
    {
        get => noise.Strength;
        set
        {
            if (Math.Abs(value - noise.Strength) < 1e-9) return;
            var replacement = new NoiseField(seed, value);
            noise.Dispose();
            noise = replacement;
            upscaler = new ImageUpscaler(model, noise);
        }
    }

    /// <summary>How the last call's time split: readback, network, upload (milliseconds).</summary>
    public (double Readback, double Network, double Upload) LastTimings { get; private set; }

    public GpuImage Upscale(GpuImage lowRes, FrameDescription frame)
    {
        var watch = Stopwatch.StartNew();
        var input = renderer.Read(lowRes);
        double readback = watch.Elapsed.TotalMilliseconds;
        var upscaled = upscaler.Upscale(input, $"frame {frame.Index}");
        double network = watch.Elapsed.TotalMilliseconds - readback;
        var target = output.For(frame.Width, frame.Height);
        renderer.Transfers.Write(upscaled, target);
        LastTimings = (readback, network, watch.Elapsed.TotalMilliseconds - readback - network);
        return target;
    }

    public void Dispose()
    {
        output.Dispose();
        noise.Dispose();
    }
}
