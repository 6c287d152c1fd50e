using System.Numerics;
using GdpoRealtime.Demo.Scene.Meshes;
using GdpoRealtime.Demo.Scene.Textures;
using static GdpoRealtime.Demo.Scene.Layouts.LayoutBuilder;

namespace GdpoRealtime.Demo.Scene.Layouts;

/// <summary>
/// An exhibition hall of high-frequency patterns: a checkerboard and tiled floor, walls hung with
/// herringbone, line gratings, halftone and chevron panels, zone plates on the walls and the floor,
/// Siemens stars, a balustrade of closely spaced bars, a mezzanine of grating, striped columns, a slowly
/// turning striped wheel and a corrugated ceiling. Regular patterns near the sampling rate are where a
/// 1 spp frame shows moire and where an upscaler most easily invents the wrong pattern.
/// </summary>
public static class PatternHallScene
{
    public const int Revision = 1;
    private const float HalfWidth = 10, Height = 8, Front = 12, Back = -22;

    public static SceneDefinition Create() =>
        new("pattern-hall", Revision, Objects(), new[] { WalkThrough(), Grazing(), FromMezzanine() },
            new[] { LightingPresets.Fluorescent, LightingPresets.Lamplight, LightingPresets.Noon });

    private static CameraPath WalkThrough() => Path(7.5, 60,
        (new(0, 1.7f, 10), new(0, 2.5f, -20)),
        (new(-3, 1.7f, 4), new(-10, 3, -6)),
        (new(-4, 1.6f, -6), new(4, 1, -14)),
        (new(2, 1.7f, -14), new(10, 3, -8)),
        (new(6, 1.7f, -6), new(-10, 3.5f, -2)),
        (new(4, 1.8f, 4), new(10, 2.5f, 10)),
        (new(0, 1.5f, 6), new(-6, 0, 0)),
        (new(-2, 1.7f, 10), new(6, 3, -10)));

    private static CameraPath Grazing() => Path(7.5, 50,
        (new(-8.5f, 1.6f, 10), new(-10, 2.5f, -10)),
        (new(-8.0f, 2.2f, 0), new(-10, 3, -20)),
        (new(-7.5f, 1.4f, -12), new(-10, 2, 6)),
        (new(8.5f, 1.6f, -18), new(10, 2.5f, 4)),
        (new(8.0f, 2.5f, -6), new(10, 3.5f, 12)),
        (new(7.0f, 1.2f, 6), new(0, 0, -16)),
        (new(-2, 0.8f, 8), new(-4, 0, -10)),
        (new(-8, 1.8f, 8), new(-10, 3, -4)));

    private static CameraPath FromMezzanine() => Path(7.5, 65,
        (new(-7, 5.2f, -18), new(2, 0, -2)),
        (new(-3, 5.4f, -18), new(6, 0.5f, 4)),
        (new(2, 5.2f, -18), new(-6, 0, 2)),
        (new(6, 5.5f, -19), new(0, 2, 10)),
        (new(8, 5.2f, -17), new(-4, 0, -6)),
        (new(4, 5.3f, -18), new(-10, 4, -6)),
        (new(-2, 5.5f, -19), new(8, 3, -4)),
        (new(-6, 5.2f, -18), new(-10, 1, 6)));

    private static IReadOnlyList<SceneObject> Objects()
    {
        var b = new LayoutBuilder();
        float length = Front - Back, middle = (Front + Back) / 2;
        b.Add("floor", MeshBuilder.Box("floor", new(2 * HalfWidth, 0.1f, length)), SceneMaterials.Tiles with { UvScale = new(0.75f, 0.75f) }, At(0, -0.05f, middle));
        b.Add("checker floor", MeshBuilder.Box("checker", new(8, 0.02f, 12)), SceneMaterials.Checker with { UvScale = new(0.75f, 0.75f) }, At(0, 0.01f, -2));
        b.Add("ceiling", MeshBuilder.Box("ceiling", new(2 * HalfWidth + 1, 0.2f, length)), SceneMaterials.Corrugated.Tinted(0.9f, 0.9f, 0.9f), At(0, Height + 0.1f, middle));
        b.Add("back wall", MeshBuilder.Box("back wall", new(2 * HalfWidth, Height, 0.4f)), SceneMaterials.Concrete, At(0, Height / 2, Back - 0.2f));
        b.Add("front wall", MeshBuilder.Box("front wall", new(2 * HalfWidth, Height, 0.4f)), SceneMaterials.Brick, At(0, Height / 2, Front + 0.2f));
        foreach (int side in new[] { -1, 1 })
        {
            float x = side * (HalfWidth + 0.2f), inner = side * HalfWidth;
            b.Add($"side wall {side}", MeshBuilder.Box("side wall", new(0.4f, Height, length)), SceneMaterials.Plaster, At(x, Height / 2, middle));
            // Pattern panels along the wall: each band of the sheet in turn, two rows.
            for (int i = 0; i < 6; i++)
                for (int row = 0; row < 2; row++)
                {
                    int band = (i + row * 2 + (side > 0 ? 1 : 0)) % PatternTextures.Bands;
                    float z = Front - 3 - 5.4f * i, y = 1.6f + 2.6f * row;
                    b.Add($"panel {side}.{i}.{row}", MeshBuilder.Quad("panel", 5, 2.4f), SceneMaterials.Pattern(band, 2.1f),
                        TurnedAt(-side * 90, inner - side * 0.02f, y, z));
                }
            b.Add($"zone plate {side}", MeshBuilder.Quad("zone plate", 2.4f, 2.4f), SceneMaterials.ZonePlate, TurnedAt(-side * 90, inner - side * 0.03f, 6.8f, -4 + 6 * side));
        }
        b.Add("floor zone plate", MeshBuilder.Quad("zone plate", 3, 3), SceneMaterials.ZonePlate, Matrix4x4.CreateRotationX(-MathF.PI / 2) * At(-6, 0.03f, 6));
        b.Add("back zone plate", MeshBuilder.Quad("zone plate", 3, 3), SceneMaterials.ZonePlate, At(-5, 2, Back + 0.02f));
        b.Add("star 1", MeshBuilder.Quad("star", 2.4f, 2.4f), SceneMaterials.Star, At(5, 2, Back + 0.02f));
        b.Add("star 2", MeshBuilder.Quad("star", 1.6f, 1.6f), SceneMaterials.Star, TurnedAt(180, 0, 4.5f, Front - 0.02f));
        b.Add("herringbone strip", MeshBuilder.Quad("strip", 16, 4), SceneMaterials.Pattern(PatternTextures.Herringbone, 4),
            Matrix4x4.CreateRotationX(-MathF.PI / 2) * At(0, 0.025f, 8));

        // Mezzanine across the back with a balustrade of close bars, on striped columns.
        b.Add("mezzanine", MeshBuilder.Box("mezzanine", new(2 * HalfWidth, 0.06f, 5)), SceneMaterials.Grate with { UvScale = new(2, 2) }, At(0, 3.6f, Back + 2.5f));
        b.Add("mezzanine edge", MeshBuilder.Box("edge", new(2 * HalfWidth, 0.2f, 0.1f)), SceneMaterials.DarkMetal, At(0, 3.5f, Back + 5));
        b.Merged("balusters", MeshBuilder.Box("baluster", new(0.02f, 1.0f, 0.02f)), SceneMaterials.DarkMetal,
            Enumerable.Range(0, 200).Select(i => At(-HalfWidth + 0.1f * i + 0.05f, 4.15f, Back + 5)));
        b.Add("handrail", MeshBuilder.Tube("handrail", new(-HalfWidth, 4.67f, Back + 5), new(HalfWidth, 4.67f, Back + 5), 0.03f), SceneMaterials.Metal, Matrix4x4.Identity);
        b.Merged("columns", MeshBuilder.Box("column", new(0.4f, 3.6f, 0.4f)), SceneMaterials.Stripes with { UvScale = new(1.5f, 1.5f) },
            Enumerable.Range(0, 4).Select(i => At(-7.5f + 5 * i, 1.8f, Back + 4.8f)));

        // A slowly turning wheel of striped spokes, and hanging cables.
        var spoke = MeshBuilder.Box("spoke", new(0.08f, 2.2f, 0.04f));
        for (int i = 0; i < 12; i++)
        {
            int index = i;
            b.Add(new SceneObject($"spoke {i}", spoke, SceneMaterials.Stripes with { UvScale = new(3, 3) }, time =>
                At(0, 1.1f, 0) * Matrix4x4.CreateRotationZ((float)(index * Math.PI / 6 + time * 0.25)) * At(5, 4.5f, Front - 0.3f)));
        }
        for (int i = 0; i < 9; i++)
        {
            float x = -8 + 2 * i;
            b.Add($"hanging cable {i}", MeshBuilder.Tube("cable", new(x, Height, -6), new(x, 5.5f + 0.3f * (i % 3), -6), 0.01f), SceneMaterials.Cable, Matrix4x4.Identity);
            b.Add($"pendant {i}", MeshBuilder.Sphere("pendant", 0.18f, 10, 20), SceneMaterials.Lamp, At(x, 5.35f + 0.3f * (i % 3), -6));
        }
        b.Add("plinth", MeshBuilder.Box("plinth", new(1.2f, 1, 1.2f)), SceneMaterials.Concrete, At(6, 0.5f, 2));
        b.Add("sphere", MeshBuilder.Sphere("sphere", 0.6f), SceneMaterials.White.Tinted(0.8f, 0.8f, 0.8f), At(6, 1.6f, 2));
        return b.Objects;
    }
}
