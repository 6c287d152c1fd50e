using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Upscaling;
using Microsoft.Extensions.Logging;

namespace EngineIntegration;

/// <summary>
/// The engine-integration sample: upscales an image as an engine would (its own Vulkan device, queue and images; the
/// upscaler between the scene and the UI for a few frames), writes the last frame as a PNG and checks it against the
/// host-memory path: at most 1 level of 255 per channel apart when the network ran in float32, 2 in float16.
///   EngineIntegration INPUT OUTPUT.png [--frames N]
/// Exit code 0: within the bound; 1: not, or something failed (the message says what and how to fix it); 2: usage.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: EngineIntegration INPUT OUTPUT.png [--frames N]   (INPUT: PNG, JPEG, TGA or BMP; N: 1 to 100, default 3)";

    private static int Main(string[] args)
    {
        if (!TryParse(args, out string input, out string output, out int frames))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        try
        {
            return Run(input, output, frames) ? 0 : 1;
        }
        catch (GdpoRealtimeException e)
        {
            Console.Error.WriteLine($"engine-integration: FAILED: {e.Cause}. {e.Fix}");
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or DllNotFoundException)
        {
            Console.Error.WriteLine($"engine-integration: FAILED: {e.Message}");
            return 1;
        }
    }

    private static bool Run(string input, string output, int frames)
    {
        var image = ImageFile.Load(input);
        var render = new FrameSize(image.Width, image.Height);
        byte[] scene = Rgba(image);
        using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true));
        var logger = logging.CreateLogger("GdpoRealtime");

        var result = Integration.Run(scene, render, frames, logger);
        Console.WriteLine($"engine-integration: {frames} frames {render} -> {result.Display} on {result.VulkanDevice}: {result.Backend}; " +
                          $"network {result.Precision}, last frame {result.LastTimings.NetworkMilliseconds:F1} ms");

        // The vulkan-compute backend reads the model with its own reader and runs it as shaders: nothing of libtorch loads.
        var torchBefore = LoadedLibraries.Matching("torch");
        bool torchFree = result.BackendKind != BackendKind.VulkanCompute || torchBefore is not { Count: > 0 };
        if (!torchFree) Console.Error.WriteLine($"engine-integration: the vulkan-compute backend loaded {string.Join(", ", torchBefore!)}");

        SavePng(output, result.Pixels, result.Display);
        var reference = HostReference.Upscale(result.Upscaling, scene, render);
        var torchAfter = LoadedLibraries.Matching("torch");
        // The host path runs on libtorch: seeing it now shows the check above can see a loaded libtorch.
        bool checkSees = torchAfter is null || torchAfter.Count > 0;
        if (!checkSees) Console.Error.WriteLine("engine-integration: the host path ran, yet no libtorch shows among the loaded libraries: the check is blind");

        int bound = result.Precision == "float16" ? 2 : 1;
        int difference = HostReference.MaxChannelDifference(result.Pixels, reference);
        bool within = difference <= bound;
        Console.WriteLine($"engine-integration: wrote {output}; max difference from the host-memory path {difference} " +
                          $"(bound {bound} for {result.Precision}); libtorch loaded by the Vulkan frames: " +
                          (torchBefore is null ? "not checked on this OS" : torchBefore.Count == 0 ? "none" : string.Join(", ", torchBefore)));
        bool passed = within && torchFree && checkSees;
        Console.WriteLine(passed ? "engine-integration: PASSED" : "engine-integration: FAILED");
        return passed;
    }

    private static byte[] Rgba(RgbImage image)
    {
        var pixels = new byte[image.Width * image.Height * 4];
        for (int i = 0, j = 0; i < image.Pixels.Length; i += 3, j += 4)
        {
            pixels[j] = image.Pixels[i];
            pixels[j + 1] = image.Pixels[i + 1];
            pixels[j + 2] = image.Pixels[i + 2];
            pixels[j + 3] = 255;
        }
        return pixels;
    }

    private static void SavePng(string path, byte[] rgba, FrameSize size)
    {
        var image = new RgbImage(size.Width, size.Height);
        for (int i = 0, j = 0; j < rgba.Length; i += 3, j += 4)
        {
            image.Pixels[i] = rgba[j];
            image.Pixels[i + 1] = rgba[j + 1];
            image.Pixels[i + 2] = rgba[j + 2];
        }
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        ImageFile.SavePng(path, image);
    }

    private static bool TryParse(string[] args, out string input, out string output, out int frames)
    {
        input = output = "";
        frames = 3;
        var positional = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--frames" && i + 1 < args.Length && int.TryParse(args[i + 1], out frames) && frames is >= 1 and <= 100) i++;
            else if (args[i].StartsWith('-')) return false;
            else positional.Add(args[i]);
        }
        if (positional.Count != 2 || frames is < 1 or > 100) return false;
        (input, output) = (positional[0], positional[1]);
        return true;
    }
}
