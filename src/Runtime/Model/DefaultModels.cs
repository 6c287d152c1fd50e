using System.Reflection;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model.Checkpoints;

namespace GdpoRealtime.Runtime.Model;

/// <summary>The models embedded in the product, so that it works with no download and no --model.</summary>
public static class DefaultModels
{
    private const string ResourcePrefix = "GdpoRealtime.DefaultModel.";

    /// <summary>Resource name of the built-in model for a scale ("default-x2.gdpo").</summary>
    public static string ResourceName(ScaleFactor scale) => $"{ResourcePrefix}default-x{scale}{ModelCheckpoint.FileExtension}";

    public static IReadOnlyList<string> Available =>
        typeof(DefaultModels).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .ToList();

    public static bool Has(ScaleFactor scale) =>
        typeof(DefaultModels).Assembly.GetManifestResourceInfo(ResourceName(scale)) is not null;

    /// <summary>Reads the built-in checkpoint for a scale.</summary>
    public static LoadedCheckpoint Load(ScaleFactor scale)
    {
        using var stream = typeof(DefaultModels).Assembly.GetManifestResourceStream(ResourceName(scale))
            ?? throw new CheckpointException($"There is no built-in model for scale x{scale} (built in: {string.Join(", ", Available.DefaultIfEmpty("none"))})",
                $"Give a model trained for x{scale} (stage-1 training at that scale makes one).") { Setting = Settings.Model };
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return ModelCheckpoint.Parse(memory.ToArray(), $"built-in default-x{scale}");
    }
}
