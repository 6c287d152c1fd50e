namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>The SPIR-V of the network's passes, compiled from shaders/network by glslc and embedded in this assembly.</summary>
internal static class NetworkShaders
{
    public const string ResourcePrefix = "GdpoRealtime.Network.";

    public const string Head = "network_head.comp", HeadFloat16 = "network_head_fp16.comp", HeadBaked = "network_head_baked.comp";
    public const string Convolution = "network_conv.comp", ConvolutionFloat16 = "network_conv_fp16.comp", ConvolutionBaked = "network_conv_baked.comp";
    public const string Tail = "network_tail.comp", TailFloat16 = "network_tail_fp16.comp", TailBaked = "network_tail_baked.comp";
    public const string Resample = "network_resample.comp";

    /// <summary>The SPIR-V of a shader source file name, such as "network_conv.comp".</summary>
    public static byte[] Load(string fileName)
    {
        using var stream = typeof(NetworkShaders).Assembly.GetManifestResourceStream(ResourcePrefix + fileName + ".spv")
            ?? throw new InvalidOperationException(
                $"The network shader '{fileName}' is not embedded in this build (available: {string.Join(", ", Names)}); rebuild so glslc compiles shaders/network.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>Source file names of every embedded network shader.</summary>
    public static IReadOnlyList<string> Names => typeof(NetworkShaders).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".spv", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^4])
        .Order(StringComparer.Ordinal)
        .ToList();
}
