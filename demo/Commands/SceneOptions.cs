using System.CommandLine;
using GdpoRealtime.Demo.Rendering;

namespace GdpoRealtime.Demo.Commands;

/// <summary>Options of the commands that render the scene (demo, capture).</summary>
public sealed class SceneOptions
{
    public Option<string?> Textures { get; } = new("--textures")
    {
        Description = "A folder of PNG, JPEG or TGA images to use instead of the procedural surface textures.",
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
        command.Add(Textures);
        command.Add(TextureSize);
        command.Add(Supersample);
        command.Add(Anisotropy);
        command.Add(MipBias);
    }

    public string? TexturesOf(ParseResult parse) => parse.GetValue(Textures);

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
