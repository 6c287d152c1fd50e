using System.CommandLine;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Cli.Commands;

/// <summary>Options of the commands that render scenes (demo, capture, scenes).</summary>
public sealed class SceneOptions
{
    /// <summary>The word that stands for the built-in textures in a list of texture sources.</summary>
    public const string ProceduralTextures = "procedural";

    public Option<string[]> Scene { get; } = new("--scene")
    {
        Description = $"Scene(s) to render, by name; repeat or separate with commas; '{SceneCatalog.AllTraining}' is every scene but the held-apart one " +
                      $"(default {SceneCatalog.DefaultScene}; 'gdpo-sr scenes' lists them).",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Textures { get; } = new("--textures")
    {
        Description = "A folder of PNG, JPEG or TGA images (searched recursively) to use instead of the procedural surface textures.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<int> TextureSize { get; } = new("--texture-size")
    {
        Description = "Side of each material texture in texels (a power of two).",
        DefaultValueFactory = _ => new RenderSettings().TextureSize,
    };

    public Option<int> Supersample { get; } = new("--supersample")
    {
        Description = "Ground truth samples per axis: 2 renders at 2x2 the output size (4 samples per pixel), 3 at 3x3 (9).",
        DefaultValueFactory = _ => new RenderSettings().SupersampleFactor,
    };

    public Option<float> Anisotropy { get; } = new("--anisotropy")
    {
        Description = "Anisotropic texture filtering for both renders (1: off, as default; 8 or 16 as games use, several times slower on a CPU driver).",
        DefaultValueFactory = _ => new RenderSettings().MaxAnisotropy,
    };

    public Option<float?> MipBias { get; } = new("--mip-bias")
    {
        Description = "Texture level-of-detail bias of the low-res render (default: log2(render/display), -1 at x2, as upscaling games set it; 0: none).",
    };

    public void AddTo(Command command)
    {
        command.Add(Scene);
        command.Add(Textures);
        command.Add(TextureSize);
        command.Add(Supersample);
        command.Add(Anisotropy);
        command.Add(MipBias);
    }

    /// <summary>The scene names given (each may hold several, comma-separated); empty when none was.</summary>
    public IReadOnlyList<string> ScenesOf(ParseResult parse) => parse.GetValue(Scene) ?? Array.Empty<string>();

    /// <summary>The texture sources given, in order: folders, or <see cref="ProceduralTextures"/> for the built-in set.</summary>
    public IReadOnlyList<string> TextureSourcesOf(ParseResult parse) => parse.GetValue(Textures) ?? Array.Empty<string>();

    /// <summary>For commands that render one texture set: the folder, or null for the procedural textures.</summary>
    public string? SingleTexturesOf(ParseResult parse)
    {
        var sources = TextureSourcesOf(parse);
        if (sources.Count > 1)
            throw new InvalidSettingException($"--textures is given {sources.Count} times", "This command renders one texture set: give one folder (capture takes several).");
        return sources.Count == 0 || sources[0] == ProceduralTextures ? null : sources[0];
    }

    /// <summary>For commands that render one scene: the one named, or the default.</summary>
    public SceneEntry SingleSceneOf(ParseResult parse)
    {
        var scenes = SceneCatalog.Resolve(ScenesOf(parse));
        if (scenes.Count > 1)
            throw new InvalidSettingException($"{scenes.Count} scenes were named ({string.Join(", ", scenes.Select(s => s.Name))})",
                "This command shows one scene: name one with --scene (capture takes several).");
        return scenes[0];
    }

    public RenderSettings RenderSettingsOf(ParseResult parse)
    {
        var settings = new RenderSettings
        {
            TextureSize = parse.GetValue(TextureSize),
            SupersampleFactor = parse.GetValue(Supersample),
            MaxAnisotropy = parse.GetValue(Anisotropy),
            LowResMipBias = parse.GetValue(MipBias),
        };
        settings.Validate();
        return settings;
    }
}
