using System.Numerics;
using GdpoRealtime.Demo.Scene.Textures;

namespace GdpoRealtime.Demo.Scene.Layouts;

/// <summary>
/// The materials every layout builds from, so a texture folder that replaces a slot changes that surface in
/// every scene alike. Uv scales are texture tiles per metre on metre-mapped meshes (boxes, ground, tubes)
/// and per quad on quads.
/// </summary>
public static class SceneMaterials
{
    public static readonly Material Brick = new() { Texture = TextureSlot.Bricks, UvScale = new(0.5f, 0.5f), Specular = 0.05f };
    public static readonly Material Plaster = new() { Texture = TextureSlot.Plaster, UvScale = new(0.25f, 0.25f), Specular = 0.04f };
    public static readonly Material Metal = new() { Texture = TextureSlot.Metal, UvScale = new(1, 1), Specular = 0.6f, Shininess = 48 };
    public static readonly Material DarkMetal = Metal with { Tint = new(0.35f, 0.35f, 0.38f) };
    public static readonly Material Wood = new() { Texture = TextureSlot.Wood, UvScale = new(0.5f, 0.5f), Specular = 0.08f };
    public static readonly Material Fabric = new() { Texture = TextureSlot.Fabric, UvScale = new(1, 1), Specular = 0.02f };
    public static readonly Material Stripes = new() { Texture = TextureSlot.Stripes, UvScale = new(1, 1), Specular = 0.3f, Shininess = 32 };
    public static readonly Material Leaves = new() { Texture = TextureSlot.Leaves, AlphaCutoff = 0.5f, Specular = 0.05f };
    public static readonly Material Paving = new() { Texture = TextureSlot.Paving, UvScale = new(0.5f, 0.5f), Specular = 0.08f };
    public static readonly Material Grate = new() { Texture = TextureSlot.Grate, AlphaCutoff = 0.5f, Specular = 0.5f, Shininess = 40 };
    public static readonly Material Hedge = new() { Texture = TextureSlot.Hedge, UvScale = new(0.5f, 0.5f), Specular = 0.03f };
    public static readonly Material Bark = new() { Texture = TextureSlot.Bark, UvScale = new(1, 0.5f), Specular = 0.02f };
    public static readonly Material White = new() { Texture = TextureSlot.White, Specular = 0.5f, Shininess = 60 };
    public static readonly Material Cable = DarkMetal with { Tint = new(0.12f, 0.12f, 0.13f) };
    public static readonly Material Star = new() { Texture = TextureSlot.Star, Specular = 0.05f };
    public static readonly Material Checker = new() { Texture = TextureSlot.Checker, UvScale = new(0.5f, 0.5f), Specular = 0.2f };
    public static readonly Material ChainLink = new() { Texture = TextureSlot.ChainLink, AlphaCutoff = 0.5f, Specular = 0.5f, Shininess = 40 };
    public static readonly Material Grass = new() { Texture = TextureSlot.Grass, AlphaCutoff = 0.5f, Specular = 0.03f };
    public static readonly Material Tiles = new() { Texture = TextureSlot.Tiles, UvScale = new(0.5f, 0.5f), Specular = 0.25f, Shininess = 40 };
    public static readonly Material Concrete = new() { Texture = TextureSlot.Concrete, UvScale = new(0.25f, 0.25f), Specular = 0.04f };
    public static readonly Material Corrugated = new() { Texture = TextureSlot.Corrugated, UvScale = new(0.5f, 0.5f), Specular = 0.35f, Shininess = 30 };
    public static readonly Material ZonePlate = new() { Texture = TextureSlot.ZonePlate, Specular = 0.05f };

    /// <summary>A lit panel: flat white, glowing (ceiling lights, lamp heads).</summary>
    public static readonly Material Lamp = new() { Texture = TextureSlot.White, Tint = new(0.95f, 0.95f, 0.9f), Specular = 0, Emission = 1.6f };

    /// <summary>Dark glazing: almost black with a sharp sun highlight (windows).</summary>
    public static readonly Material Glass = new() { Texture = TextureSlot.White, Tint = new(0.06f, 0.08f, 0.1f), Specular = 0.9f, Shininess = 120 };

    /// <summary>One board of the courtyard's sign atlas (<see cref="SignAtlas"/> bands), lit from within a little.</summary>
    public static Material Sign(int band) => new()
    {
        Texture = TextureSlot.Signs, UvScale = new(1, 1f / SignAtlas.Bands), UvOffset = new(0, band / (float)SignAtlas.Bands),
        Specular = 0.15f, Emission = 0.15f,
    };

    /// <summary>One board of the street's sign atlas (<see cref="StreetSignAtlas"/> bands).</summary>
    public static Material StreetSign(int band) => new()
    {
        Texture = TextureSlot.StreetSigns, UvScale = new(1, 1f / StreetSignAtlas.Bands), UvOffset = new(0, band / (float)StreetSignAtlas.Bands),
        Specular = 0.15f, Emission = 0.12f,
    };

    /// <summary>One board of the harbour's sign atlas: only the held-apart scene uses it.</summary>
    public static Material HarbourSign(int band) => StreetSign(band) with { Texture = TextureSlot.HarbourSigns };

    /// <summary>One band of the pattern sheet (<see cref="PatternTextures"/>), repeated <paramref name="repeats"/> times across a quad.</summary>
    public static Material Pattern(int band, float repeats = 1) => new()
    {
        Texture = TextureSlot.Patterns, UvScale = new(repeats, 1f / PatternTextures.Bands), UvOffset = new(0, band / (float)PatternTextures.Bands),
        Specular = 0.1f,
    };

    public static Material Tinted(this Material material, float r, float g, float b) => material with { Tint = new Vector3(r, g, b) };
}
