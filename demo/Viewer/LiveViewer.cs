using System.Diagnostics;
using System.Globalization;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Session;
using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Imaging;
using Microsoft.Extensions.Logging;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;
using GdpoRealtime.Demo.Presentation;

namespace GdpoRealtime.Demo.Viewer;

/// <summary>
/// The live viewer: a GLFW window with a Vulkan swapchain showing the frame upscaled two ways around a
/// draggable divider. Each frame renders the low-res frame, runs the two display methods shown, draws the overlay
/// and presents. It runs as fast as the machine allows; frame and upscaler times are on screen, in the
/// title bar and in the log.
/// </summary>
public static unsafe class LiveViewer
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    /// <summary>What a run measured (and where its screenshot went, if it took one).</summary>
    public sealed record Result(int Frames, TimingStatistics Timings, string? Screenshot);

    public static Result Run(DemoSettings settings, ILogger logger, TextWriter output, CancellationToken cancel = default)
    {
        var extensions = GlfwWindow.RequiredInstanceExtensions();
        var instance = VulkanInstance.Create(GpuContext.InstanceOptions(extensions));
        GlfwWindow? window = null;
        KhrSurface? surfaces = null;
        SurfaceKHR surface = default;
        GpuContext? gpu = null;
        try
        {
            window = GlfwWindow.Create("gdpo-sr demo", settings.Sizes.Width, settings.Sizes.Height);
            surfaces = new KhrSurface(instance);
            surface = window.CreateSurface(instance);
            var chosenSurface = surface;
            var surfaceFunctions = surfaces;
            var device = VulkanDevice.Create(instance, GpuContext.DeviceOptions(settings.Render.MaxAnisotropy > 1, new[] { KhrSwapchain.ExtensionName },
                (physical, family) => surfaceFunctions.SupportsPresent(physical.Handle, family, chosenSurface)), logger);
            gpu = new GpuContext(instance, device);
            return Loop(settings, logger, output, window, gpu, surfaces, surface, cancel);
        }
        finally
        {
            if (gpu is not null)
            {
                gpu.Device.WaitIdle();
                if (surface.Handle != 0) surfaces!.DestroySurface(surface);
                gpu.Dispose();
            }
            else
            {
                if (surface.Handle != 0) surfaces!.DestroySurface(surface);
                instance.Dispose();
            }
            window?.Dispose();
        }
    }

    private static Result Loop(DemoSettings settings, ILogger logger, TextWriter output, GlfwWindow window, GpuContext gpu,
        KhrSurface surfaces, SurfaceKHR surface, CancellationToken cancel)
    {
        var device = gpu.Device;
        var vk = device.Vk;
        using var session = DemoSession.Create(gpu, settings, logger);
        var (fbWidth, fbHeight) = window.FramebufferSize;
        using var swapchain = new Swapchain(device, surfaces, surface, (uint)fbWidth, (uint)fbHeight, new SwapchainOptions { NoVsync = settings.NoVsync });
        using var present = new PresentPass(device, swapchain.Format);
        present.Attach(swapchain);
        using var overlay = new HudOverlay(gpu);
        using var screenshots = new HostImageTransfers(gpu);
        var semaphoreInfo = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo };
        Semaphore acquired;
        vk.CreateSemaphore(device.Handle, &semaphoreInfo, null, &acquired).Check("vkCreateSemaphore");
        try
        {
            var state = new ViewerState
            {
                Left = settings.Left,
                Right = settings.Right,
                NoiseStrength = settings.NoiseStrength,
                Jitter = settings.Jitter,
                SceneTime = settings.StartTime,
            };
            logger.LogInformation("Viewer: {Width}x{Height} window, {Format}, {Mode}; {Help}", swapchain.Extent.Width, swapchain.Extent.Height,
                swapchain.Format, swapchain.PresentMode, ViewerInput.Help);
            var timings = new TimingStatistics();
            var clock = Stopwatch.StartNew();
            var lastLog = TimeSpan.Zero;
            var previousFrameStart = clock.Elapsed;
            string? screenshotWritten = null;
            int index = 0, screenshotCount = 0;
            while (!window.ShouldClose && !state.Quit && !cancel.IsCancellationRequested && (settings.Frames == 0 || index < settings.Frames))
            {
                window.PollEvents();
                foreach (var windowEvent in window.DrainEvents())
                    if (ViewerInput.Apply(state, windowEvent, (int)swapchain.Extent.Width) is { } change) logger.LogInformation("{Change}", change);
                var (width, height) = window.FramebufferSize;
                if (width == 0 || height == 0)
                {
                    window.WaitEvents(0.1); // minimised
                    continue;
                }
                if (width != swapchain.Extent.Width || height != swapchain.Extent.Height) Recreate(swapchain, present, width, height);

                var frameStart = clock.Elapsed;
                if (!state.Paused && index > 0) state.SceneTime += settings.TimeStep ?? (frameStart - previousFrameStart).TotalSeconds;
                previousFrameStart = frameStart;
                // +/- change it: a per-dispatch value, so the context is neither rebuilt nor warmed up again.
                session.Model.NoiseStrength = state.NoiseStrength;
                var frame = FrameDescription.At(session.Scene, index, state.SceneTime, settings.Sizes, state.Jitter);

                var watch = Stopwatch.StartNew();
                var lowRes = session.Renderer.RenderLowRes(frame);
                double render = Lap(watch);
                var left = session[state.Left].Upscale(lowRes, frame);
                double leftTime = Lap(watch);
                var right = state.SingleView ? left : session[state.Right].Upscale(lowRes, frame);
                double rightTime = state.SingleView ? 0 : Lap(watch);
                var status = StatusOf(state, session, timings, gpu);
                var hud = overlay.Update(swapchain.Extent.Width, swapchain.Extent.Height, status, state);
                double hudTime = Lap(watch);

                if (!swapchain.TryAcquire(acquired, out uint imageIndex))
                {
                    Recreate(swapchain, present, width, height);
                    continue;
                }
                bool screenshot = state.ScreenshotRequested || (settings.ScreenshotPath is not null && settings.Frames > 0 && index == settings.Frames - 1);
                GpuBuffer? readback = null;
                if (screenshot && swapchain.CanReadBack)
                    readback = screenshots.BufferFor((ulong)swapchain.Extent.Width * swapchain.Extent.Height * 4);
                var extent = swapchain.Extent;
                gpu.Commands.Run(cmd =>
                {
                    present.Record(cmd, imageIndex, extent, left, right, hud, state);
                    if (readback is not null) CopySwapchainImage(vk, cmd, swapchain.Images[imageIndex], extent, readback);
                }, acquired, PipelineStageFlags.ColorAttachmentOutputBit, swapchain.RenderFinished(imageIndex));
                if (!swapchain.Present(imageIndex)) Recreate(swapchain, present, width, height);
                double presentTime = Lap(watch);

                if (screenshot)
                {
                    state.ScreenshotRequested = false;
                    if (readback is null)
                        logger.LogWarning("This window system does not allow reading the window back: no screenshot");
                    else
                    {
                        string path = settings.ScreenshotPath is not null && index == settings.Frames - 1
                            ? settings.ScreenshotPath
                            : Path.Combine(OutputFolder.Prepare(settings.OutputFolder, "--out"), $"viewer-{++screenshotCount:D3}.png");
                        var image = HostImageTransfers.ToRgb(readback.Contents, (int)extent.Width, (int)extent.Height, HostImageTransfers.IsBgr(swapchain.Format));
                        ImageFile.SavePng(path, image);
                        output.WriteLine($"wrote {path} ({image.Width}x{image.Height} screenshot of the viewer)");
                        screenshotWritten = path;
                    }
                }

                double frameTime = (clock.Elapsed - frameStart).TotalMilliseconds;
                timings.Add("frame", frameTime);
                timings.Add("render low-res", render);
                timings.Add($"left: {DisplayMethodKinds.Name(state.Left)}", leftTime);
                if (!state.SingleView) timings.Add($"right: {DisplayMethodKinds.Name(state.Right)}", rightTime);
                timings.Add("overlay", hudTime);
                timings.Add("present", presentTime);
                window.Title = $"gdpo-sr demo | {DisplayMethodKinds.Name(state.Left)} | {DisplayMethodKinds.Name(state.Right)} | frame {frameTime:F0} ms | " +
                               $"{DisplayMethodKinds.Name(state.Left)} {leftTime:F0} ms{(state.SingleView ? "" : $", {DisplayMethodKinds.Name(state.Right)} {rightTime:F0} ms")}";
                if (clock.Elapsed - lastLog > LogInterval || index == 0)
                {
                    lastLog = clock.Elapsed;
                    logger.LogInformation("Frame {Index}: {Frame:F0} ms (render {Render:F0} ms, {Left} {LeftTime:F0} ms, {Right} {RightTime:F0} ms, overlay {Hud:F0} ms, present {Present:F0} ms); model on {Backend}: {Split}",
                        index, frameTime, render, DisplayMethodKinds.Name(state.Left), leftTime, DisplayMethodKinds.Name(state.Right), rightTime, hudTime, presentTime,
                        session.Model.BackendAndPrecision, session.Model.LastTimings);
                }
                index++;
            }
            device.WaitIdle();
            if (index > 0)
                output.Write(timings.Table($"viewer: {index} frame(s) of {settings.Sizes} on {device.Physical}, median after the first frame:"));
            return new Result(index, timings, screenshotWritten);
        }
        finally
        {
            device.WaitIdle();
            vk.DestroySemaphore(device.Handle, acquired, null);
        }
    }

    private static HudOverlay.Status StatusOf(ViewerState state, DemoSession session, TimingStatistics timings, GpuContext gpu)
    {
        string Last(string stage) => timings.Samples(stage) is { Count: > 0 } s ? s[^1].ToString("F0", CultureInfo.InvariantCulture) + " ms" : "-";
        var frame = timings.Samples("frame");
        double fps = frame.Count > 0 && frame[^1] > 0 ? 1000 / frame[^1] : 0;
        string leftName = DisplayMethodKinds.Name(state.Left), rightName = DisplayMethodKinds.Name(state.Right);
        string upscalers = state.SingleView
            ? $"{leftName} {Last($"left: {leftName}")}"
            : $"{leftName} {Last($"left: {leftName}")}, {rightName} {Last($"right: {rightName}")}";
        var lines = new List<string>
        {
            $"frame {Last("frame")} ({fps:F1} fps)   render {Last("render low-res")}   upscale: {upscalers}   t = {state.SceneTime:F1} s",
            $"{session.Renderer.Settings.SamplesPerTruthPixel} spp native | noise {state.NoiseStrength:0.0} | jitter {(state.Jitter ? "on" : "off")} | {gpu.Device.Physical.Name}",
            $"model: {session.Model.BackendAndPrecision} | {session.Model.LastTimings}",
            // On a line of its own: the device's reason can be long, and a line too wide for the window loses its end.
            $"network on {session.Model.Context.NetworkDevice}",
            "1/2/3 left, Shift+1/2/3 right, drag divider, Space pause, +/- noise, J jitter, H hide, Esc quit",
        };
        return new HudOverlay.Status(session[state.Left].Label, session[state.Right].Label, lines, state.Paused);
    }

    private static void Recreate(Swapchain swapchain, PresentPass present, int width, int height)
    {
        swapchain.Recreate((uint)width, (uint)height);
        present.Attach(swapchain);
    }

    private static void CopySwapchainImage(Vk vk, CommandBuffer cmd, Image image, Extent2D extent, GpuBuffer target)
    {
        ImageBarriers.Transition(vk, cmd, image, ImageAspectFlags.ColorBit, ImageLayout.PresentSrcKhr, ImageLayout.TransferSrcOptimal);
        var region = new BufferImageCopy
        {
            ImageSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
            ImageExtent = new Extent3D(extent.Width, extent.Height, 1),
        };
        vk.CmdCopyImageToBuffer(cmd, image, ImageLayout.TransferSrcOptimal, target.Handle, 1, &region);
        ImageBarriers.Transition(vk, cmd, image, ImageAspectFlags.ColorBit, ImageLayout.TransferSrcOptimal, ImageLayout.PresentSrcKhr);
        var barrier = new MemoryBarrier { SType = StructureType.MemoryBarrier, SrcAccessMask = AccessFlags.TransferWriteBit, DstAccessMask = AccessFlags.HostReadBit };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 1, &barrier, 0, null, 0, null);
    }

    private static double Lap(Stopwatch watch)
    {
        double elapsed = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        return elapsed;
    }
}
