namespace GdpoRealtime.Demo.Rendering;

/// <summary>The SPIR-V the build compiled from shaders/ and embedded in this assembly (see shaders/Shaders.targets).</summary>
public static class ShaderLibrary
{
    public const string ResourcePrefix = "GdpoRealtime.Shaders.";

    /// <summary>The SPIR-V of a shader source file name, such as "scene.frag".</summary>
    public static byte[] Load(string fileName)
    {
        using var stream = typeof(ShaderLibrary).Assembly.GetManifestResourceStream(ResourcePrefix + fileName + ".spv")
            ?? throw new InvalidOperationException(
                $"The shader '{fileName}' is not embedded in this build (available: {string.Join(", ", Names)}); rebuild so glslc compiles shaders/.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>Source file names of every embedded shader.</summary>
    public static IReadOnlyList<string> Names => typeof(ShaderLibrary).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".spv", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^4])
        .Order(StringComparer.Ordinal)
        .ToList();
}
