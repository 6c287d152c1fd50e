using System.Numerics;

namespace GdpoRealtime.Demo.Scene;

/// <summary>The texture layers of the scene's material array, in layer order.</summary>
public enum TextureSlot
{
    White,
    Bricks,
    Paving,
    Grate,
    Fabric,
    Leaves,
    Hedge,
    Signs,
    Star,
    Checker,
    Plaster,
    Wood,
    Stripes,
    Metal,
    Bark,
    ChainLink,
    Grass,
    Tiles,
    Concrete,
    Corrugated,
    Patterns,
    ZonePlate,
    StreetSigns,
    HarbourSigns,
}

/// <summary>How a surface looks: which texture layer, how it tiles, its tint and its highlights.</summary>
public sealed record Material
{
    public required TextureSlot Texture { get; init; }

    /// <summary>Multiplies the texture (linear RGB).</summary>
    public Vector3 Tint { get; init; } = Vector3.One;

    /// <summary>Texture repeats per metre on metre-mapped meshes, or per quad on quads.</summary>
    public Vector2 UvScale { get; init; } = Vector2.One;
    public Vector2 UvOffset { get; init; } = Vector2.Zero;

    /// <summary>Alpha below which fragments are discarded (0: opaque).</summary>
    public float AlphaCutoff { get; init; }

    public float Specular { get; init; } = 0.1f;
    public float Shininess { get; init; } = 24f;

    /// <summary>Light the surface emits, as a fraction of its albedo (signs lit from within).</summary>
    public float Emission { get; init; }
}
