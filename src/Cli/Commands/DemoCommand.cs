using System.CommandLine;
using GdpoRealtime.Cli.CommandLine;
using GdpoRealtime.Demo.Headless;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Session;
using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Demo.Viewer;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Demo.Presentation;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Cli.Commands;

/// <summary>
/// gdpo-sr demo: the live viewer in a window when there is a display, otherwise (or with --headless) the
/// headless demo that writes frames, a comparison image and timings.
/// </summary>
public static class DemoCommand
{
    public const string DefaultSize = "960x540";
    public const int DefaultHeadlessFrames = 24;

    public static Command Create()
    {
        var headless = new Option<bool>("--headless") { Description = "Render without a window: write PNGs, a comparison image and timings to --out." };
        var window = new Option<bool>("--window") { Description = "Insist on the live viewer (fail instead of falling back to headless without a display)." };
        var frames = new Option<int?>("--frames")
        {
            Description = $"Frames to render (headless default {DefaultHeadlessFrames}; the viewer runs until closed unless given).",
        };
        var size = new Option<string>("--size") { Description = "Output (upscaled) size WxH; the low-res frame is this divided by the scale.", DefaultValueFactory = _ => DefaultSize };
        var output = new Option<string>("--out") { Description = "Folder for the headless demo's images and timings.", DefaultValueFactory = _ => "out" };
        var noise = new Option<double>("--noise") { Description = "Noise strength of our model in [0, 1] (keys + and - change it in the viewer).", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<long>("--seed") { Description = "Seed of the model's fixed noise field.", DefaultValueFactory = _ => 0 };
        var left = new Option<string>("--left") { Description = "Viewer: left of the divider (bilinear, model or native).", DefaultValueFactory = _ => "bilinear" };
        var right = new Option<string>("--right") { Description = "Viewer: right of the divider (bilinear, model or native).", DefaultValueFactory = _ => "model" };
        var jitter = new Option<bool>("--jitter") { Description = "Jitter the low-res render by sub-pixel Halton(2,3) offsets, as games do for temporal upscalers." };
        var time = new Option<double>("--time") { Description = "Scene time of the first frame, in seconds (the camera path loops every 60 s).", DefaultValueFactory = _ => 0 };
        var step = new Option<double?>("--step")
        {
            Description = $"Scene seconds between frames (headless default {HeadlessDemo.DefaultTimeStep}; the viewer follows real time unless given).",
        };
        var screenshot = new Option<string?>("--screenshot") { Description = "Viewer: save a PNG of the window after the last frame (F12 saves one any time)." };
        var noVsync = new Option<bool>("--no-vsync") { Description = "Viewer: present without waiting for vertical blank when possible." };
        var backend = new Option<string>("--backend")
        {
            Description = "How our network runs: auto (CUDA interop where the machine allows it, else vulkan-compute, else host staging), cuda-interop, vulkan-compute or host-staging.",
            DefaultValueFactory = _ => "auto",
        };
        var scene = new SceneOptions();
        var common = new CommonOptions();
        var command = new Command("demo", "The live viewer (split view: bilinear | our model | native), or the headless demo without a display.")
        {
            headless, window, frames, size, output, noise, seed, left, right, jitter, time, step, screenshot, noVsync, backend,
        };
        scene.AddTo(command);
        common.AddTo(command);
        common.AddPrecisionTo(command);
        command.SetAction(parse =>
        {
            using var logging = ConsoleLogging.Create(parse.GetValue(common.Verbose));
            var logger = logging.CreateLogger("demo");
            bool wantHeadless = parse.GetValue(headless), wantWindow = parse.GetValue(window);
            if (wantHeadless && wantWindow)
                throw new InvalidSettingException("--headless and --window contradict each other", "Pass one of them, or neither to choose by the display.");
            var (width, height) = FrameSizes.ParseSize(parse.GetValue(size)!);
            int? frameCount = parse.GetValue(frames);
            if (frameCount is < 0) throw new InvalidSettingException($"--frames {frameCount} is negative", "Pass a frame count of 1 or more.");
            double? timeStep = parse.GetValue(step);
            if (timeStep is <= 0) throw new InvalidSettingException($"--step {timeStep} is not positive", "Pass a time step in seconds, such as 0.25.");
            var settings = new DemoSettings
            {
                Sizes = FrameSizes.Create(width, height, common.ScaleOf(parse) ?? ScaleFactor.X2),
                Frames = frameCount ?? 0,
                StartTime = parse.GetValue(time),
                TimeStep = timeStep,
                Jitter = parse.GetValue(jitter),
                NoiseStrength = ValidNoise(parse.GetValue(noise)),
                Seed = parse.GetValue(seed),
                TexturesFolder = scene.SingleTexturesOf(parse),
                Scene = scene.SingleSceneOf(parse),
                Render = scene.RenderSettingsOf(parse),
                ModelPath = parse.GetValue(common.Model),
                Device = common.DeviceOf(parse),
                Backend = BackendNames.ParsePreference(parse.GetValue(backend)!),
                Precision = common.PrecisionOf(parse),
                TorchLibDirectory = parse.GetValue(common.TorchLibDir),
                Left = DisplayMethodKinds.Parse(parse.GetValue(left)!, "viewer mode (--left)"),
                Right = DisplayMethodKinds.Parse(parse.GetValue(right)!, "viewer mode (--right)"),
                OutputFolder = parse.GetValue(output)!,
                ScreenshotPath = parse.GetValue(screenshot),
                NoVsync = parse.GetValue(noVsync),
            };
            settings.Render.Validate();
            if (settings.ScreenshotPath is { } shot)
            {
                if (frameCount is null or 0)
                    throw new InvalidSettingException("--screenshot is taken after the last frame, so it needs --frames", "Add --frames N (or press F12 in the viewer).");
                if (!Path.GetExtension(shot).Equals(".png", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidSettingException($"--screenshot '{shot}' is not a .png path", "Give the screenshot a .png name.");
            }
            var console = parse.InvocationConfiguration.Output;
            using var cancel = CtrlC.Cancels();

            if (!wantHeadless)
            {
                try
                {
                    LiveViewer.Run(settings, logger, console, cancel.Token);
                    return ExitCodes.Success;
                }
                catch (GdpoRealtimeException e) when (!wantWindow && e is DisplayUnavailableException or VulkanUnavailableException)
                {
                    logger.LogInformation("No window ({Reason}): running the headless demo instead", e.Cause);
                }
            }
            HeadlessDemo.Run(settings with { Frames = frameCount ?? DefaultHeadlessFrames }, logger, console, cancel.Token);
            return ExitCodes.Success;
        });
        return command;
    }

    private static double ValidNoise(double value)
    {
        if (!(value >= 0 && value <= 1))
            throw new InvalidSettingException($"Noise strength {value} is outside [0, 1]", "Use 0 for a deterministic output, 1 for the full trained noise, or a value between.");
        return value;
    }
}
