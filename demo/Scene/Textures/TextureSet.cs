using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GdpoRealtime.Demo.Scene.Textures;

/// <summary>One texture per <see cref="TextureSlot"/>, all the same square size: the layers of the material array.</summary>
public sealed class TextureSet
{
    private static readonly ConcurrentDictionary<int, Lazy<TextureSet>> ProceduralCache = new();

    public TextureSet(IReadOnlyList<RgbaTexture> layers, string source)
    {
        int slots = Enum.GetValues<TextureSlot>().Length;
        if (layers.Count != slots) throw new ArgumentException($"Expected {slots} layers, got {layers.Count}.", nameof(layers));
        int size = layers[0].Width;
        if (layers.Any(l => l.Width != size || l.Height != size))
            throw new ArgumentException("Every layer must be the same square size.", nameof(layers));
        Layers = layers;
        Size = size;
        Source = source;
        Fingerprint = ComputeFingerprint(layers);
    }

    public IReadOnlyList<RgbaTexture> Layers { get; }
    public int Size { get; }

    /// <summary>Where the textures came from, for logs ("procedural" or the folder).</summary>
    public string Source { get; }

    /// <summary>A short hash of every texel, so captures made with different textures are told apart.</summary>
    public string Fingerprint { get; }

    public RgbaTexture this[TextureSlot slot] => Layers[(int)slot];

    /// <summary>The built-in textures at <paramref name="size"/> x <paramref name="size"/>, generated once per process.</summary>
    public static TextureSet Procedural(int size) =>
        ProceduralCache.GetOrAdd(size, s => new Lazy<TextureSet>(() => new TextureSet(
            Enum.GetValues<TextureSlot>().Select(slot => ProceduralTextures.For(slot, s)).ToList(), "procedural"))).Value;

    private static string ComputeFingerprint(IReadOnlyList<RgbaTexture> layers)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var layer in layers) hash.AppendData(layer.Pixels);
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
