using System.Diagnostics;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Upscaling;
using Microsoft.Extensions.Logging;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Cli.Commands;

/// <summary>
/// gdpo-sr upscale --backend vulkan-compute: one image through the engine API on an offscreen Vulkan device, the
/// network as compute shaders. Nothing here touches libtorch: an engine that ships only this path ships no libtorch.
/// </summary>
public static class VulkanImageUpscale
{
    public static (RgbImage Image, string Device, double Milliseconds) Run(RgbImage image, LoadedCheckpoint checkpoint, double noise, long seed, ILogger logger)
    {
        var scale = checkpoint.Architecture.Scale;
        var render = new FrameSize(image.Width, image.Height);
        var display = new FrameSize(scale.OutputSize(image.Width), scale.OutputSize(image.Height));
        using var gpu = GpuContext.CreateOffscreen(logger);
        using var input = GpuImage.Create(gpu.Device, new GpuImageDescription
        {
            Width = (uint)render.Width, Height = (uint)render.Height, Format = Format.R8G8B8A8Unorm,
            Usage = ImageUsageFlags.TransferSrcBit | ImageUsageFlags.TransferDstBit,
        });
        using var output = GpuImage.Create(gpu.Device, new GpuImageDescription
        {
            Width = (uint)display.Width, Height = (uint)display.Height, Format = Format.R8G8B8A8Unorm,
            Usage = ImageUsageFlags.TransferSrcBit | ImageUsageFlags.TransferDstBit,
        });
        var pixels = HostImageTransfers.ToRgba(image);
        using (var staging = GpuBuffer.CreateHostVisible(gpu.Device, (ulong)pixels.Length, BufferUsageFlags.TransferSrcBit))
        {
            staging.Write<byte>(pixels);
            gpu.Commands.Run(cmd =>
            {
                ImageTransfers.CopyBufferToImage(gpu.Device.Vk, cmd, staging, input);
                input.TransitionTo(cmd, ImageLayout.TransferSrcOptimal);
            });
        }
        using var upscaler = VulkanUpscaler.Create(new VulkanUpscalerDescription
        {
            Vulkan = VulkanDeviceHandles.From(gpu.Device),
            Backend = BackendPreference.VulkanCompute,
            Upscaling = new UpscalerDescription
            {
                DisplaySize = display,
                MaxRenderSize = render,
                Model = checkpoint,
                NoiseStrength = noise,
                NoiseSeed = seed,
                Logger = logger,
            },
        });
        var watch = Stopwatch.StartNew();
        upscaler.Dispatch(new VulkanDispatchDescription
        {
            Input = new VulkanImageDescription { Image = input.Handle.Handle, Format = input.Format, Size = render, Usage = input.Description.Usage, Layout = ImageLayout.TransferSrcOptimal },
            Output = new VulkanImageDescription { Image = output.Handle.Handle, Format = output.Format, Size = display, Usage = output.Description.Usage, Layout = ImageLayout.Undefined },
            OutputFinalLayout = ImageLayout.TransferSrcOptimal,
        });
        upscaler.WaitIdle();
        watch.Stop();
        output.Layout = ImageLayout.TransferSrcOptimal;
        using var readback = GpuBuffer.CreateHostVisible(gpu.Device, (ulong)display.Pixels * 4, BufferUsageFlags.TransferDstBit, preferCached: true);
        gpu.Commands.Run(cmd => ImageTransfers.CopyImageToBuffer(gpu.Device.Vk, cmd, output, readback));
        var result = HostImageTransfers.ToRgb(readback.Contents, display.Width, display.Height, bgr: false);
        return (result, $"{upscaler.Backend.Describe()}; network on {upscaler.NetworkDevice}", watch.Elapsed.TotalMilliseconds);
    }
}
