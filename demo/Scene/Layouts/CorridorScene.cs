using System.Numerics;
using GdpoRealtime.Demo.Scene.Meshes;
using GdpoRealtime.Demo.Scene.Textures;
using static GdpoRealtime.Demo.Scene.Layouts.LayoutBuilder;

namespace GdpoRealtime.Demo.Scene.Layouts;

/// <summary>
/// An interior: a long service corridor (tiled floor in perspective, plaster walls with a tiled dado, doors
/// with frames and name plates, vent grates, pipes and a cable tray under the ceiling, lit ceiling panels),
/// opening at its far end onto a yard. Strong perspective makes every regular pattern sweep through all
/// frequencies, and the thin pipes and cables run the whole length of the frame.
/// </summary>
public static class CorridorScene
{
    public const int Revision = 1;
    private const float Width = 4, Height = 3.2f, Near = 10, Far = -50;

    public static SceneDefinition Create() =>
        new("corridor", Revision, Objects(), new[] { WalkIn(), LookAtWalls(), WalkBack() }, LightingPresets.Indoor);

    private static CameraPath WalkIn() => Path(7.5, 65,
        (new(0, 1.65f, 8), new(0, 1.5f, -30)),
        (new(0.4f, 1.7f, 2), new(0.6f, 1.6f, -40)),
        (new(-0.5f, 1.6f, -6), new(-0.2f, 1.9f, -45)),
        (new(0.3f, 1.7f, -14), new(1.2f, 1.4f, -40)),
        (new(-0.2f, 1.65f, -22), new(0, 1.7f, -60)),
        (new(0.5f, 1.7f, -30), new(-0.5f, 1.5f, -70)),
        (new(0, 1.6f, -38), new(0, 2.2f, -80)),
        (new(-0.3f, 1.7f, -10), new(0, 1.5f, -50)));

    private static CameraPath LookAtWalls() => Path(7.5, 55,
        (new(1.2f, 1.6f, 4), new(-2, 1.5f, -2)),
        (new(1.3f, 1.7f, -3), new(-2, 1.8f, -8)),
        (new(-1.2f, 1.6f, -9), new(2, 1.4f, -13)),
        (new(-1.3f, 1.5f, -16), new(2, 2.0f, -20)),
        (new(1.0f, 1.7f, -22), new(-2, 2.6f, -26)),
        (new(-1.0f, 1.4f, -28), new(2, 0.6f, -31)),
        (new(0.8f, 1.8f, -34), new(-2, 2.2f, -38)),
        (new(0, 1.6f, -12), new(-2, 1.4f, -6)));

    private static CameraPath WalkBack() => Path(7.5, 70,
        (new(0, 1.7f, -44), new(0, 2.6f, 0)),
        (new(0.6f, 1.5f, -36), new(-0.4f, 3.0f, 0)),
        (new(-0.6f, 1.8f, -26), new(0.5f, 2.8f, 10)),
        (new(0.2f, 1.2f, -18), new(0, 0.2f, -8)),
        (new(0, 1.7f, -10), new(-0.5f, 3.1f, 5)),
        (new(-0.5f, 1.6f, -2), new(0.8f, 1.6f, 10)),
        (new(0.4f, 1.9f, -20), new(0, 3.0f, -40)),
        (new(0, 1.7f, -40), new(0, 1.2f, -10)));

    private static IReadOnlyList<SceneObject> Objects()
    {
        var b = new LayoutBuilder();
        float length = Near - Far, middle = (Near + Far) / 2;
        b.Add("floor", MeshBuilder.Box("floor", new(Width, 0.1f, length)), SceneMaterials.Tiles, At(0, -0.05f, middle));
        b.Add("ceiling", MeshBuilder.Box("ceiling", new(Width + 0.6f, 0.2f, length)), SceneMaterials.Concrete.Tinted(1.1f, 1.1f, 1.1f), At(0, Height + 0.1f, middle));
        b.Add("end wall", MeshBuilder.Box("end wall", new(Width + 0.6f, Height, 0.3f)), SceneMaterials.Brick, At(0, Height / 2, Near + 0.15f));
        foreach (int side in new[] { -1, 1 })
        {
            float x = side * (Width / 2 + 0.15f);
            b.Add($"wall {side}", MeshBuilder.Box("wall", new(0.3f, Height, length)), SceneMaterials.Plaster.Tinted(0.95f, 0.97f, 1f), At(x, Height / 2, middle));
            b.Add($"dado {side}", MeshBuilder.Box("dado", new(0.32f, 1.1f, length)), SceneMaterials.Tiles.Tinted(0.8f, 0.95f, 0.9f) with { UvScale = new(1, 1) },
                At(x, 0.55f, middle));
            b.Add($"skirting {side}", MeshBuilder.Box("skirting", new(0.34f, 0.1f, length)), SceneMaterials.DarkMetal, At(x, 0.05f, middle));
            float inner = side * Width / 2;
            for (int i = 0; i < 8; i++)
            {
                float z = Near - 4 - 6 * i - (side > 0 ? 3 : 0);
                b.Add($"door {side}.{i}", MeshBuilder.Box("door", new(0.08f, 2.1f, 1.0f)), SceneMaterials.Wood.Tinted(0.8f, 0.7f, 0.6f) with { UvScale = new(0.8f, 0.8f) },
                    At(inner - side * 0.04f, 1.05f, z));
                foreach (float dz in new[] { -0.55f, 0.55f })
                    b.Add($"door frame {side}.{i}.{dz}", MeshBuilder.Box("frame", new(0.1f, 2.2f, 0.08f)), SceneMaterials.DarkMetal, At(inner - side * 0.05f, 1.1f, z + dz));
                b.Add($"door head {side}.{i}", MeshBuilder.Box("head", new(0.1f, 0.08f, 1.18f)), SceneMaterials.DarkMetal, At(inner - side * 0.05f, 2.2f, z));
                var plate = (i % 3) switch
                {
                    0 => SceneMaterials.Sign(SignAtlas.FinePrint),
                    1 => SceneMaterials.StreetSign(StreetSignAtlas.Poster),
                    _ => SceneMaterials.Sign(SignAtlas.Warning),
                };
                b.Add($"plate {side}.{i}", MeshBuilder.Quad("plate", 0.8f, 0.2f), plate, TurnedAt(-side * 90, inner - side * 0.01f, 1.6f, z + 1.1f));
                b.Add($"vent {side}.{i}", MeshBuilder.Quad("vent", 0.6f, 0.4f), SceneMaterials.Grate with { UvScale = new(0.6f, 0.4f) },
                    TurnedAt(-side * 90, inner - side * 0.02f, 2.7f, z - 2.2f));
                b.Add($"vent back {side}.{i}", MeshBuilder.Box("vent back", new(0.02f, 0.4f, 0.6f)), SceneMaterials.White.Tinted(0.05f, 0.05f, 0.05f),
                    At(inner + side * 0.005f, 2.7f, z - 2.2f));
            }
        }

        // Lit ceiling panels, pipes and a cable tray with cables.
        b.Merged("ceiling lights", MeshBuilder.Box("light", new(0.6f, 0.04f, 1.2f)), SceneMaterials.Lamp, Enumerable.Range(0, 15).Select(i => At(0, Height - 0.02f, Near - 2 - 4 * i)));
        var pipeFrom = new Vector3(0, 0, Near);
        var pipeTo = new Vector3(0, 0, Far);
        foreach (var (y, x, r, tint) in new[] { (2.95f, 1.75f, 0.06f, new Vector3(0.8f, 0.2f, 0.15f)), (2.95f, 1.55f, 0.04f, new Vector3(0.7f, 0.7f, 0.7f)), (3.0f, -1.7f, 0.05f, new Vector3(0.2f, 0.4f, 0.75f)) })
            b.Add($"pipe {x}", MeshBuilder.Tube("pipe", pipeFrom + new Vector3(x, y, 0), pipeTo + new Vector3(x, y, 0), r, 10), SceneMaterials.Metal with { Tint = tint }, Matrix4x4.Identity);
        b.Merged("pipe brackets", MeshBuilder.Box("bracket", new(0.5f, 0.03f, 0.04f)), SceneMaterials.DarkMetal,
            Enumerable.Range(0, 20).Select(i => At(1.6f, 2.9f, Near - 1 - 3 * i)));
        b.Add("cable tray", MeshBuilder.Box("tray", new(0.4f, 0.03f, length)), SceneMaterials.Grate with { UvScale = new(1, 1) }, At(-1.3f, 2.75f, middle));
        for (int k = 0; k < 5; k++)
        {
            float x = -1.45f + 0.07f * k;
            var points = Enumerable.Range(0, 61).Select(i => new Vector3(x + 0.01f * MathF.Sin(i * 0.7f + k), 2.79f, Near - i * (length / 60))).ToList();
            b.Add($"tray cable {k}", MeshBuilder.Polyline("cable", points, 0.008f), SceneMaterials.Cable with { Tint = k % 2 == 0 ? new(0.1f, 0.1f, 0.1f) : new(0.6f, 0.5f, 0.1f) }, Matrix4x4.Identity);
        }

        // Fittings: an exit sign, a fire hose reel, benches.
        b.Add("exit sign", MeshBuilder.Quad("exit", 1.2f, 0.3f), SceneMaterials.Sign(SignAtlas.Exit) with { Emission = 0.8f }, TurnedAt(180, 0, 2.8f, Far + 6));
        b.Add("exit sign back", MeshBuilder.Quad("exit", 1.2f, 0.3f), SceneMaterials.Sign(SignAtlas.Exit) with { Emission = 0.8f }, At(0, 2.8f, Far + 6));
        b.Add("hose reel", MeshBuilder.Cylinder("reel", 0.3f, 0.12f, 16), SceneMaterials.White.Tinted(0.75f, 0.08f, 0.06f), Matrix4x4.CreateRotationZ(MathF.PI / 2) * At(-1.9f, 1.3f, -8));
        b.Add("bench", MeshBuilder.Box("bench", new(0.4f, 0.45f, 1.8f)), SceneMaterials.Wood, At(1.7f, 0.225f, -17));

        // The yard beyond the open end.
        b.Add("yard", MeshBuilder.Ground("yard", 200), SceneMaterials.Paving, At(0, -0.01f, Far - 100));
        b.Add("yard wall", MeshBuilder.Box("yard wall", new(40, 5, 0.5f)), SceneMaterials.Brick, At(0, 2.5f, Far - 20));
        b.Tree("yard tree", 4, Far - 12, 2.5f, 4);
        return b.Objects;
    }
}
