using GdpoRealtime.Runtime.Upscaling;

namespace EngineIntegration;

/// <summary>The same frame through the host-memory path (HostUpscaler: the network on libtorch, on the CPU here).</summary>
internal static class HostReference
{
    public static byte[] Upscale(UpscalerDescription description, byte[] scenePixels, FrameSize render)
    {
        using var host = HostUpscaler.Create(description);
        var output = new byte[host.DisplaySize.Pixels * 4];
        host.Dispatch(new HostDispatchDescription
        {
            Input = scenePixels, InputFormat = PixelFormat.Rgba8Unorm, RenderSize = render,
            Output = output, OutputFormat = PixelFormat.Rgba8Unorm,
        });
        return output;
    }

    /// <summary>The largest difference of one colour channel between two packed RGBA frames (alpha left out).</summary>
    public static int MaxChannelDifference(byte[] a, byte[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"The frames differ in size ({a.Length} and {b.Length} bytes).");
        int largest = 0;
        for (int i = 0; i < a.Length; i++)
            if (i % 4 != 3) largest = Math.Max(largest, Math.Abs(a[i] - b[i]));
        return largest;
    }
}
