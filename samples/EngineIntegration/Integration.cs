using System.Numerics;
using Microsoft.Extensions.Logging;
// <usings>
using GdpoRealtime.Interop.Upscaling;  // VulkanUpscaler and its descriptions (package GdpoRealtime.Interop)
using GdpoRealtime.Runtime.Upscaling;  // UpscalerDescription, QualityMode, FrameSize (package GdpoRealtime.Runtime)
using Silk.NET.Vulkan;                 // the engine's Vulkan binding: Format, ImageLayout, ImageUsageFlags
// </usings>

namespace EngineIntegration;

/// <summary>
/// What an engine writes to use the upscaler. The README's integration snippet (and the packages' README's) is the
/// "usings" region, a blank line, then the "integration" region, unindented: a test keeps them equal.
/// </summary>
internal static class Integration
{
    /// <summary>Renders (uploads) the scene and upscales it for a few frames as an engine would; returns the last frame read back.</summary>
    public static IntegrationResult Run(byte[] scenePixels, FrameSize render, int frames, ILogger logger)
    {
        // <integration>
        // 1. Before creating the Vulkan instance and device: what the upscaler can use. CUDA interop needs these
        //    extensions and the timelineSemaphore feature; vulkan-compute and host staging need none of them. Enable those
        //    the device offers and remember what you enabled: Vulkan cannot be asked afterwards.
        var needs = VulkanUpscaler.Requirements();
        using var engine = EngineDevice.Create(needs.InstanceExtensions, needs.DeviceExtensions);  // your engine's start-up

        // The engine's images: the scene at the render size (TRANSFER_SRC: the upscaler reads it), and the display-size
        // image the upscaler writes (TRANSFER_DST).
        var display = new FrameSize(render.Width * 2, render.Height * 2);
        var usage = ImageUsageFlags.TransferSrcBit | ImageUsageFlags.TransferDstBit | ImageUsageFlags.SampledBit;
        using var sceneColor = new EngineImage(engine, render, Format.R8G8B8A8Unorm, usage);
        using var upscaled = new EngineImage(engine, display, Format.R8G8B8A8Unorm, usage);
        sceneColor.Upload(scenePixels, ImageLayout.ShaderReadOnlyOptimal);  // stands for rendering the scene

        // 2. Once, and again on resize: a context on the engine's device and queue, given as raw handles (`.Handle`).
        var upscaling = new UpscalerDescription
        {
            DisplaySize = display,
            QualityMode = QualityMode.Performance,  // render size = display / 2, the model's own x2
            Logger = logger,                        // the backend chosen and why, warnings; null (the default): silent
        };
        using var upscaler = VulkanUpscaler.Create(new VulkanUpscalerDescription
        {
            Vulkan = new VulkanDeviceHandles
            {
                Instance = engine.Instance.Handle, PhysicalDevice = engine.PhysicalDevice.Handle,
                Device = engine.Device.Handle, Queue = engine.Queue.Handle, QueueFamilyIndex = engine.QueueFamily,
                EnabledDeviceExtensions = engine.EnabledExtensions,
                TimelineSemaphoreEnabled = engine.TimelineSemaphoreEnabled,  // true only if the device has it enabled
                ShaderFloat16Enabled = engine.ShaderFloat16Enabled,          // likewise
            },
            Upscaling = upscaling,
        });

        // 3. Every frame, between the scene and the UI, from the thread that submits to the queue.
        for (int frame = 0; frame < frames; frame++)
        {
            var commands = engine.BeginCommands();
            // ... record the scene's rendering at upscaler.MaxRenderSize (or below: set RenderSize) into `commands` ...
            var dispatch = new VulkanDispatchDescription
            {
                Input = new VulkanImageDescription
                {
                    Image = sceneColor.Image.Handle, Format = sceneColor.Format, Size = sceneColor.Size,
                    Usage = sceneColor.Usage, Layout = ImageLayout.ShaderReadOnlyOptimal,
                },
                Output = new VulkanImageDescription
                {
                    Image = upscaled.Image.Handle, Format = upscaled.Format, Size = upscaled.Size,
                    Usage = upscaled.Usage, Layout = ImageLayout.Undefined,  // written whole: old contents may go
                },
                OutputFinalLayout = ImageLayout.TransferSrcOptimal,  // what the next pass needs (here the read-back)
                JitterOffsetPixels = Jitter(frame),                  // accepted, not yet used by the network
                Reset = frame == 0,                                  // accepted, not yet used by the network
            };
            if (upscaler.RecordsIntoCommandBuffer)
            {
                // Recorded into the frame's command buffer: Dispatch submits nothing and never waits for the network; the
                // frame runs when the engine submits it, once. vulkan-compute returns no semaphores. CUDA interop and host
                // staging run the network outside Vulkan: the submission must carry the timeline wait and signal Dispatch
                // returns, and `upscaled` shows the previous frame (upscaler.RecordedFrameLatency: 1).
                var semaphores = upscaler.Dispatch(dispatch with { CommandBuffer = commands.Handle });
                engine.Submit(commands, semaphores);  // adds them to the VkSubmitInfo (see EngineDevice.Submit)
            }
            else
            {
                // Host staging on a device without timeline semaphores: the scene is submitted first; Dispatch submits its
                // own work after it and waits for the network.
                engine.Submit(commands);
                upscaler.Dispatch(dispatch);
            }
            // ... then the UI and post-processing read `upscaled`: the dispatch's last barrier covers them ...
        }
        upscaler.WaitIdle();
        // </integration>

        return new IntegrationResult(upscaled.Download(ImageLayout.TransferSrcOptimal), display, upscaling, upscaler.Backend.Describe(),
            upscaler.Backend.Kind, upscaler.NetworkPrecision, engine.Name, upscaler.LastTimings);
    }

    /// <summary>A projection's sub-pixel jitter in render pixels (Halton 2, 3), as a TAA-style engine would pass it.</summary>
    private static Vector2 Jitter(int frame) => new(Halton(frame + 1, 2) - 0.5f, Halton(frame + 1, 3) - 0.5f);

    private static float Halton(int index, int radix)
    {
        float result = 0, fraction = 1f / radix;
        for (; index > 0; index /= radix, fraction /= radix) result += fraction * (index % radix);
        return result;
    }
}
