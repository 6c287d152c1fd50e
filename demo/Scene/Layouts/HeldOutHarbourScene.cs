using System.Numerics;
using GdpoRealtime.Demo.Scene.Meshes;
using GdpoRealtime.Demo.Scene.Textures;
using static GdpoRealtime.Demo.Scene.Layouts.LayoutBuilder;

namespace GdpoRealtime.Demo.Scene.Layouts;

/// <summary>
/// The held-apart scene: a harbour quay no model is ever trained on, used for every figure. A concrete
/// quay with bollards and mooring ropes, a chain railing along the edge, moored boats with masts and
/// rigging, stacked containers, a warehouse with the harbour's own signs (other words, another typeface),
/// pallets, a net drying on a frame, lamp posts, a lattice crane and a lighthouse across the water. It
/// holds every kind of content the training scenes hold, arranged and textured differently.
/// </summary>
public static class HeldOutHarbourScene
{
    public const int Revision = 1;
    private const float QuayEdge = 0;

    public static SceneDefinition Create() =>
        new("heldout-harbour", Revision, Objects(), new[] { AlongQuay(), AmongStacks(), FromTheWater() }, LightingPresets.Outdoor);

    private static CameraPath AlongQuay() => Path(7.5, 60,
        (new(-2, 1.7f, -30), new(2, 1.2f, 0)),
        (new(-3, 1.7f, -18), new(6, 2, -6)),
        (new(-1.5f, 1.6f, -6), new(4, 4, 10)),
        (new(-2.5f, 1.7f, 6), new(-8, 3, 14)),
        (new(-2, 1.8f, 18), new(8, 3, 30)),
        (new(-4, 1.7f, 28), new(-10, 4, 10)),
        (new(-3, 1.6f, 14), new(20, 5, -10)),
        (new(-2, 1.7f, -10), new(-10, 3, -30)));

    private static CameraPath AmongStacks() => Path(7.5, 65,
        (new(-14.75f, 1.7f, -20), new(-14.75f, 4, 0)),
        (new(-14.75f, 1.6f, -10), new(-11.5f, 5, -4)),
        (new(-14.75f, 1.8f, 0), new(-18, 4, 6)),
        (new(-14.75f, 1.7f, 10), new(-14.75f, 3, 25)),
        (new(-14.75f, 1.6f, 18), new(-25, 4, 20)),
        (new(-8, 2.2f, 18), new(-14, 2, 8)),
        (new(-8, 1.7f, 4), new(-12, 3, -6)),
        (new(-8, 1.5f, -16), new(-14.75f, 2, -8)));

    private static CameraPath FromTheWater() => Path(7.5, 55,
        (new(14, 2.5f, -24), new(-6, 3, -6)),
        (new(18, 3, -8), new(-8, 4, 6)),
        (new(16, 2.2f, 8), new(-6, 2.5f, 10)),
        (new(20, 4, 22), new(-4, 3, 6)),
        (new(8, 3.5f, 30), new(-10, 2, 12)),
        (new(6, 2.2f, 16), new(-10, 3, 20)),
        (new(10, 2.8f, -2), new(-12, 4, -20)),
        (new(12, 2.4f, -16), new(-2, 2, 4)));

    private static IReadOnlyList<SceneObject> Objects()
    {
        var b = new LayoutBuilder();
        b.Add("quay", MeshBuilder.Box("quay", new(60, 2, 90)), SceneMaterials.Concrete.Tinted(1.05f, 1.02f, 0.98f), At(QuayEdge - 30, -1, 0));
        b.Add("quay edge", MeshBuilder.Box("edge", new(0.4f, 0.25f, 90)), SceneMaterials.Stripes with { UvScale = new(0.8f, 0.8f) }, At(QuayEdge - 0.2f, 0.12f, 0));
        b.Add("water", MeshBuilder.Ground("water", 800), SceneMaterials.White.Tinted(0.05f, 0.16f, 0.2f) with { Specular = 0.9f, Shininess = 90 }, At(0, -1.2f, 0));
        b.Merged("quay paving", MeshBuilder.Box("slab", new(3.9f, 0.02f, 5.9f)), SceneMaterials.Tiles.Tinted(0.85f, 0.85f, 0.8f) with { UvScale = new(0.25f, 0.25f) },
            Enumerable.Range(0, 15).SelectMany(i => new[] { At(-3, 0.01f, -42 + 6 * i) }));

        // Bollards with ropes to the boats; a chain railing along the edge.
        var bollard = MeshBuilder.Cylinder("bollard", 0.2f, 0.7f, 14);
        var boatPlaces = new[] { new Vector3(5, 0, -20), new Vector3(6, 0, 4), new Vector3(5.5f, 0, 26) };
        for (int i = 0; i < 12; i++)
        {
            float z = -40 + 7.5f * i;
            b.Add($"bollard {i}", bollard, SceneMaterials.DarkMetal.Tinted(0.5f, 0.5f, 0.5f), At(QuayEdge - 0.7f, 0, z));
            b.Add($"chain post {i}", MeshBuilder.Cylinder("chain post", 0.04f, 1.1f, 8), SceneMaterials.White.Tinted(0.9f, 0.85f, 0.1f), At(QuayEdge - 0.4f, 0, z + 3.75f));
            if (i < 11)
                b.Cable($"chain {i}", new(QuayEdge - 0.4f, 1.0f, z + 3.75f), new(QuayEdge - 0.4f, 1.0f, z + 11.25f), 0.35f, 0.012f, SceneMaterials.DarkMetal);
        }
        foreach (var (boat, index) in boatPlaces.Select((p, i) => (p, i)))
        {
            float length = 9 + 3 * index;
            b.Add($"hull {index}", MeshBuilder.Box("hull", new(3, 1.6f, length)), SceneMaterials.Wood.Tinted(0.6f + 0.3f * index, 0.7f, 0.9f - 0.2f * index), At(boat.X, -0.6f, boat.Z));
            b.Add($"deck house {index}", MeshBuilder.Box("deck house", new(2.2f, 1.6f, 3)), SceneMaterials.Plaster, At(boat.X, 1, boat.Z - length / 5));
            b.Add($"mast {index}", MeshBuilder.Cylinder("mast", 0.08f, 9 + 2 * index, 10), SceneMaterials.Metal, At(boat.X, 0.2f, boat.Z + 1));
            var top = new Vector3(boat.X, 9.2f + 2 * index, boat.Z + 1);
            foreach (var anchor in new[] { new Vector3(boat.X, 0.3f, boat.Z + length / 2 - 0.3f), new Vector3(boat.X, 0.3f, boat.Z - length / 2 + 0.3f),
                         new Vector3(boat.X - 1.4f, 0.3f, boat.Z + 1), new Vector3(boat.X + 1.4f, 0.3f, boat.Z + 1) })
                b.Add($"stay {index}.{anchor.X}.{anchor.Z}", MeshBuilder.Tube("stay", top, anchor, 0.008f), SceneMaterials.Cable, Matrix4x4.Identity);
            b.Cable($"mooring {index}", new(QuayEdge - 0.7f, 0.6f, boat.Z - 2), new(boat.X - 1.5f, 0.2f, boat.Z - 3), 0.4f, 0.025f, SceneMaterials.Fabric.Tinted(0.9f, 0.85f, 0.6f));
        }

        // Containers, the warehouse and its signs, pallets, a net on a frame.
        var container = MeshBuilder.Box("container", new(2.44f, 2.6f, 6.1f));
        var paints = new[] { new Vector3(0.5f, 1.3f, 1.5f), new Vector3(1.7f, 0.6f, 0.3f), new Vector3(0.9f, 0.9f, 0.9f), new Vector3(1.4f, 1.3f, 0.4f) };
        for (int i = 0; i < 10; i++)
        {
            float x = i % 2 == 0 ? -11.5f : -18, z = -14 + 6.6f * (i / 2);
            int levels = 1 + (i * 5) % 3;
            for (int level = 0; level < levels; level++)
                b.Add($"box {i}.{level}", container, SceneMaterials.Corrugated with { Tint = paints[(i + level) % paints.Length] }, At(x, 1.3f + 2.6f * level, z));
        }
        b.Add("warehouse", MeshBuilder.Box("warehouse", new(14, 9, 30)), SceneMaterials.Brick.Tinted(0.8f, 0.75f, 0.7f), At(-28, 4.5f, 20));
        b.Add("warehouse roof", MeshBuilder.Box("roof", new(15, 0.2f, 31)), SceneMaterials.Corrugated.Tinted(0.7f, 0.7f, 0.7f), At(-28, 9.1f, 20));
        b.Add("warehouse door", MeshBuilder.Box("door", new(0.1f, 5, 6)), SceneMaterials.Corrugated.Tinted(0.5f, 0.8f, 0.7f), At(-20.98f, 2.5f, 14));
        b.Add("harbour name", MeshBuilder.Quad("name", 8, 2), SceneMaterials.HarbourSign(StreetSignAtlas.NamePlate), TurnedAt(90, -20.97f, 7, 22));
        b.Add("harbour office", MeshBuilder.Quad("office", 4, 1), SceneMaterials.HarbourSign(StreetSignAtlas.Fascia), TurnedAt(90, -20.97f, 5.6f, 14));
        b.Add("notice", MeshBuilder.Quad("notice", 2.4f, 0.6f), SceneMaterials.HarbourSign(StreetSignAtlas.Poster), TurnedAt(90, -20.97f, 1.6f, 19));
        b.Add("ferry times", MeshBuilder.Quad("ferry", 2, 0.5f), SceneMaterials.HarbourSign(StreetSignAtlas.Timetable), TurnedAt(90, -20.97f, 1.7f, 27));
        b.Add("quay sign", MeshBuilder.Quad("quay sign", 1.6f, 0.4f), SceneMaterials.HarbourSign(StreetSignAtlas.NamePlate), TurnedAt(90, -5.9f, 2.4f, -30));
        b.Add("quay sign post", MeshBuilder.Cylinder("post", 0.05f, 2.2f, 8), SceneMaterials.DarkMetal, At(-5.85f, 0, -30));
        b.Merged("pallets", MeshBuilder.Box("pallet", new(1.2f, 0.15f, 1.0f)), SceneMaterials.Wood.Tinted(1.1f, 1.0f, 0.85f),
            Enumerable.Range(0, 14).Select(i => At(-5 - 1.3f * (i % 2), 0.075f + 0.16f * (i / 2), 10)));
        b.Add("net", MeshBuilder.Quad("net", 4, 2.5f), SceneMaterials.ChainLink with { Tint = new(0.4f, 0.8f, 0.5f), UvScale = new(6, 3.75f) }, TurnedAt(90, -7, 1.45f, 30));
        b.Merged("net frame", MeshBuilder.Cylinder("pole", 0.05f, 2.9f, 8), SceneMaterials.Wood, new[] { At(-7, 0, 28), At(-7, 0, 32) });

        // Lamp posts, a lattice crane, and across the water a lighthouse and hills.
        for (int i = 0; i < 6; i++)
        {
            float z = -35 + 14 * i;
            b.Add($"lamp {i}", MeshBuilder.Cylinder("lamp", 0.06f, 6, 10), SceneMaterials.DarkMetal, At(-4, 0, z));
            b.Add($"lamp head {i}", MeshBuilder.Sphere("globe", 0.25f, 10, 20), SceneMaterials.Lamp, At(-4, 6.2f, z));
        }
        var crane = new MeshBuilder();
        var strut = MeshBuilder.Box("strut", new(0.12f, 0.12f, 0.12f));
        for (int level = 0; level < 16; level++)
        {
            float y = 1.5f * level;
            foreach (var (x, z) in new[] { (0f, 0f), (2f, 0f), (0f, 2f), (2f, 2f) })
                crane.Append(MeshBuilder.Box("leg", new(0.15f, 1.5f, 0.15f)), At(x, y + 0.75f, z));
            foreach (var (from, to) in new[] { (new Vector3(0, y, 0), new Vector3(2, y + 1.5f, 0)), (new Vector3(2, y, 2), new Vector3(0, y + 1.5f, 2)),
                         (new Vector3(0, y, 2), new Vector3(0, y + 1.5f, 0)), (new Vector3(2, y, 0), new Vector3(2, y + 1.5f, 2)) })
                crane.Append(MeshBuilder.Tube("brace", from, to, 0.04f, 4), Matrix4x4.Identity);
        }
        for (int k = 0; k < 20; k++)
            crane.Append(strut, At(1 + 1.2f * k - 6, 24.2f, 1));
        crane.Append(MeshBuilder.Box("jib", new(26, 0.3f, 0.3f)), At(7, 24.5f, 1));
        b.Add("crane", crane.Build("crane"), SceneMaterials.Metal.Tinted(1.4f, 0.6f, 0.2f), At(-14, 0, -34));
        b.Add("crane cable", MeshBuilder.Tube("hoist", new(4, 24.3f, -33), new(4, 6, -33), 0.02f), SceneMaterials.Cable, Matrix4x4.Identity);
        b.Add("lighthouse", MeshBuilder.Cylinder("lighthouse", 2.5f, 24, 24), SceneMaterials.Stripes.Tinted(1.1f, 0.5f, 0.5f) with { UvScale = new(0.15f, 0.15f) }, At(90, -1, 70));
        b.Add("lighthouse lamp", MeshBuilder.Sphere("lamp", 2, 10, 20), SceneMaterials.Lamp, At(90, 24, 70));
        for (int i = 0; i < 5; i++)
            b.Add($"headland {i}", MeshBuilder.Sphere("headland", 50, 16, 32), SceneMaterials.Hedge.Tinted(0.55f, 0.65f, 0.5f) with { UvScale = new(2, 2) },
                At(140 + 30 * i, -38, 40 + 45 * i));
        return b.Objects;
    }
}
