using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Backends.VulkanCompute;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Model.Portable;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Tests.Interop.Backends.VulkanCompute;

/// <summary>
/// Runs the vulkan-compute network's passes on a frame and reads back the unclipped float output (before byte
/// rounding), and the same frame through the TorchSharp CPU model: the pair every correctness test compares.
/// </summary>
internal static unsafe class NetworkRuns
{
    /// <summary>The network of <paramref name="checkpoint"/> on the device, for frames up to <paramref name="maxRender"/>, with <paramref name="seed"/>'s noise.</summary>
    public static VulkanComputeNetwork Create(GpuContext gpu, LoadedCheckpoint checkpoint, FrameSize maxRender, WeightForm form, long seed)
    {
        var network = PortableNetwork.From(checkpoint);
        var display = new FrameSize(network.Scale.OutputSize(maxRender.Width), network.Scale.OutputSize(maxRender.Height));
        return VulkanComputeNetwork.Create(gpu.Device, network, form, maxRender, display, seed);
    }

    /// <summary>[3][height][width] floats of the model's output for the frame's render-size pixels (RGBA or BGRA bytes) at a noise strength.</summary>
    public static float[] Output(GpuContext gpu, VulkanComputeNetwork network, byte[] pixels, FrameSize render, double strength, ChannelOrder order = ChannelOrder.Rgba)
    {
        var device = gpu.Device;
        var vk = device.Vk;
        var geometry = NetworkGeometry.For(network.Network.Scale, render, network.Display);
        ulong outputBytes = 3ul * (ulong)geometry.ModelOutput.Pixels * 4;
        using var staging = GpuBuffer.CreateHostVisible(device, (ulong)pixels.Length, BufferUsageFlags.TransferSrcBit);
        using var readback = GpuBuffer.CreateHostVisible(device, outputBytes, BufferUsageFlags.TransferDstBit, preferCached: true);
        staging.Write<byte>(pixels);
        gpu.Commands.Run(cmd =>
        {
            var input = new BufferCopy(0, 0, (ulong)pixels.Length);
            vk.CmdCopyBuffer(cmd, staging.Handle, network.FrameBytes.Handle, 1, &input);
            NetworkRecorder.RecordPasses(network, cmd, geometry, order, ChannelOrder.Rgba, keepImage: true, strength);
            NetworkRecorder.ComputeToTransfer(vk, cmd);
            var output = new BufferCopy(0, 0, outputBytes);
            vk.CmdCopyBuffer(cmd, network.Image.Handle, readback.Handle, 1, &output);
            var toHost = new MemoryBarrier { SType = StructureType.MemoryBarrier, SrcAccessMask = AccessFlags.TransferWriteBit, DstAccessMask = AccessFlags.HostReadBit };
            vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 1, &toHost, 0, null, 0, null);
        });
        var values = new float[3 * geometry.ModelOutput.Pixels];
        readback.Contents.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>The TorchSharp CPU model's unclipped output for the same pixels: [3][height][width] floats.</summary>
    public static float[] Reference(LoadedCheckpoint checkpoint, byte[] pixels, FrameSize render, long seed, double strength)
    {
        using var scope = NewDisposeScope();
        using var model = checkpoint.CreateModel();
        model.Network.eval();
        using var noise = new NoiseField(seed, strength);
        using var bytes = HostTensors.From(pixels, render.Height, render.Width, 4);
        var lowRes = bytes.narrow(2, 0, 3).permute(2, 0, 1).unsqueeze(0).to(ScalarType.Float32).div_(255.0);
        var output = new ImageInference(model, noise).Upscale(lowRes);
        return output.contiguous().data<float>().ToArray();
    }

    /// <summary>Largest absolute difference between two equally long arrays.</summary>
    public static double MaxAbsDifference(float[] a, float[] b)
    {
        Assert.That(a, Has.Length.EqualTo(b.Length), "output sizes");
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs((double)a[i] - b[i]));
        return worst;
    }

    /// <summary>A checkpoint of a network with every weight random (the tail too, which training starts at zero), so every pass shows in the output.</summary>
    public static LoadedCheckpoint Random(ScaleFactor scale, int channels, int blocks, long seed)
    {
        manual_seed(seed);
        using var model = new NoiseAwareOneStepModel(ModelArchitecture.For(scale, channels, blocks));
        using (no_grad())
            foreach (var (_, parameter) in model.Network.named_parameters())
                parameter.copy_(randn(parameter.shape) * (1.0 / Math.Sqrt(Math.Max(1, parameter.shape.Skip(1).Aggregate(1L, (a, b) => a * b)))));
        model.InvalidateFoldedTimestep();
        var bytes = ModelCheckpoint.Serialize(model, new TrainingRecord { Stage = "random (test)" });
        return ModelCheckpoint.Parse(bytes, $"random x{scale} {channels}x{blocks}");
    }

    public static byte[] Pixels(RgbImage image, ChannelOrder order = ChannelOrder.Rgba) => Support.TestFrames.Pixels(image, order);
}
