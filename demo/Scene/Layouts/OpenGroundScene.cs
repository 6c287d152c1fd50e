using System.Numerics;
using GdpoRealtime.Demo.Scene.Meshes;
using static GdpoRealtime.Demo.Scene.Layouts.LayoutBuilder;

namespace GdpoRealtime.Demo.Scene.Layouts;

/// <summary>
/// Open country: a meadow to the horizon with a concrete road and its dashed centre line, a wire fence and a
/// pole line along it, a barn and a dry-stone wall nearby, and distant geometry (a town of boxes, hills,
/// a tree line, wind turbines) that shrinks to a few pixels and fog. Distant geometry is where a 1 spp
/// frame aliases most: a building's edge or a wire is less than a pixel.
/// </summary>
public static class OpenGroundScene
{
    public const int Revision = 1;

    public static SceneDefinition Create() =>
        new("open-ground", Revision, Objects(), new[] { RoadWalk(), HillView(), FieldSweep() },
            LightingPresets.Outdoor.Select(l => l with { FogDensity = l.FogDensity * 0.35f }).ToList()); // clear air: the distance is the point

    private static CameraPath RoadWalk() => Path(7.5, 60,
        (new(1.5f, 1.7f, 60), new(0, 3, -100)),
        (new(2.5f, 1.7f, 40), new(-20, 4, -80)),
        (new(1, 1.8f, 20), new(30, 2, -60)),
        (new(-1.5f, 1.7f, 0), new(0, 5, -120)),
        (new(-2, 1.6f, -20), new(-40, 2, -40)),
        (new(0, 1.7f, -40), new(0, 6, -160)),
        (new(2, 1.9f, -20), new(25, 1, 10)),
        (new(2, 1.7f, 30), new(0, 2, -70)));

    private static CameraPath HillView() => Path(7.5, 50,
        (new(-30, 12, 30), new(20, 0, -60)),
        (new(-10, 16, 50), new(0, 2, -120)),
        (new(20, 14, 40), new(-20, 0, -80)),
        (new(35, 10, 10), new(-40, 2, -100)),
        (new(30, 18, -20), new(0, 0, -160)),
        (new(0, 20, -10), new(0, 4, -200)),
        (new(-25, 14, 0), new(30, 0, -120)),
        (new(-35, 10, 20), new(10, 3, -40)));

    private static CameraPath FieldSweep() => Path(7.5, 70,
        (new(12, 1.2f, 18), new(4, 1, 4)),
        (new(18, 1.5f, 6), new(8, 2, -6)),
        (new(14, 2.2f, -8), new(2, 3, 6)),
        (new(6, 1.0f, -2), new(-6, 1, -10)),
        (new(-8, 1.4f, -6), new(-14, 1, 10)),
        (new(-12, 1.8f, 8), new(6, 3, 0)),
        (new(-4, 1.3f, 16), new(12, 1, 4)),
        (new(4, 1.0f, 24), new(12, 2, 8)));

    private static IReadOnlyList<SceneObject> Objects()
    {
        var b = new LayoutBuilder();
        b.Add("meadow", MeshBuilder.Ground("meadow", 900), SceneMaterials.Hedge.Tinted(0.85f, 1f, 0.8f) with { UvScale = new(0.3f, 0.3f) }, Matrix4x4.Identity);
        b.Add("road", MeshBuilder.Box("road", new(6, 0.04f, 600)), SceneMaterials.Concrete.Tinted(0.6f, 0.6f, 0.62f), At(0, 0.02f, -150));
        b.Merged("centre line", MeshBuilder.Box("dash", new(0.12f, 0.01f, 3)), SceneMaterials.White.Tinted(0.9f, 0.9f, 0.85f),
            Enumerable.Range(0, 100).Select(i => At(0, 0.045f, 140 - 6 * i)));
        b.Merged("edge lines", MeshBuilder.Box("edge", new(0.1f, 0.01f, 600)), SceneMaterials.White.Tinted(0.85f, 0.85f, 0.8f),
            new[] { At(-2.8f, 0.045f, -150), At(2.8f, 0.045f, -150) });

        // A wire fence and a pole line along the road, both reaching the horizon.
        b.Merged("fence posts", MeshBuilder.Cylinder("post", 0.04f, 1.3f, 6), SceneMaterials.Wood.Tinted(0.7f, 0.65f, 0.6f),
            Enumerable.Range(0, 120).Select(i => At(-5, 0, 100 - 3 * i)));
        foreach (float h in new[] { 0.5f, 0.9f, 1.25f })
            b.Add($"fence wire {h}", MeshBuilder.Tube("wire", new(-5, h, 100), new(-5, h, -260), 0.008f), SceneMaterials.Cable, Matrix4x4.Identity);
        b.PoleLine("poles", Enumerable.Range(0, 14).Select(i => new Vector3(6, 0, 90 - 32 * i)).ToList(), 9, 3, 0.8f);

        // A barn with a corrugated roof and a dry-stone wall across the field.
        b.Add("barn", MeshBuilder.Box("barn", new(8, 5, 12)), SceneMaterials.Wood.Tinted(0.75f, 0.45f, 0.35f), At(14, 2.5f, 2));
        b.Add("barn roof", MeshBuilder.Box("roof", new(9, 0.15f, 13)), SceneMaterials.Corrugated, Matrix4x4.CreateRotationZ(0.12f) * At(14, 5.4f, 2));
        b.Add("barn door", MeshBuilder.Box("door", new(0.1f, 3.2f, 4)), SceneMaterials.Wood.Tinted(0.5f, 0.5f, 0.5f), At(9.98f, 1.6f, 2));
        b.Add("stone wall", MeshBuilder.Box("stone wall", new(0.6f, 1.1f, 40)), SceneMaterials.Brick.Tinted(0.6f, 0.65f, 0.7f) with { UvScale = new(1.2f, 1.2f) },
            TurnedAt(70, -12, 0.55f, 0));
        b.Add("hay bale", MeshBuilder.Cylinder("bale", 0.7f, 1.2f, 16), SceneMaterials.Fabric.Tinted(1.1f, 1f, 0.5f) with { UvScale = new(3, 3) },
            Matrix4x4.CreateRotationZ(MathF.PI / 2) * At(20, 0.7f, 14));
        b.Add("road sign", MeshBuilder.Quad("sign", 2.4f, 0.6f), SceneMaterials.StreetSign(Textures.StreetSignAtlas.NamePlate), TurnedAt(-10, 4.5f, 2.4f, 30));
        b.Add("road sign post", MeshBuilder.Cylinder("post", 0.05f, 2.2f, 8), SceneMaterials.DarkMetal, At(4.5f, 0, 29.95f));
        b.GrassField("verge", new(-4.8f, -120), new(-3.2f, 120), 500, 501);

        // Distant geometry: a town, a tree line, hills and turbines.
        var town = new[] { SceneMaterials.Brick, SceneMaterials.Plaster, SceneMaterials.Concrete, SceneMaterials.Corrugated, SceneMaterials.Tiles };
        for (int i = 0; i < 48; i++)
        {
            float x = -90 + 180 * Hash(i, 0, 511), z = -170 - 90 * Hash(i, 1, 511);
            if (MathF.Abs(x) < 8) x += 16 * MathF.Sign(x + 0.1f);
            float w = 6 + 14 * Hash(i, 2, 511), d = 6 + 10 * Hash(i, 3, 511), h = 5 + 25 * Hash(i, 4, 511) * Hash(i, 5, 511);
            b.Add($"building {i}", MeshBuilder.Box("building", new(w, h, d)), town[i % town.Length], TurnedAt(20 * Hash(i, 6, 511) - 10, x, h / 2, z));
        }
        for (int i = 0; i < 36; i++)
            b.Tree($"tree {i}", -40 - 6 * Hash(i, 0, 512), 60 - 9 * i, 3 + 2 * Hash(i, 1, 512), 5 + 3 * Hash(i, 2, 512), 90 * Hash(i, 3, 512));
        for (int i = 0; i < 7; i++)
            b.Add($"hill {i}", MeshBuilder.Sphere("hill", 70, 16, 32), SceneMaterials.Hedge.Tinted(0.6f, 0.75f, 0.55f) with { UvScale = new(2, 2) },
                At(-260 + 90 * i, -58 + 8 * Hash(i, 0, 513), -330 - 40 * Hash(i, 1, 513)));
        var blade = MeshBuilder.Box("blade", new(1.2f, 18, 0.3f));
        for (int t = 0; t < 3; t++)
        {
            float x = 60 + 35 * t, z = -140 - 30 * t;
            b.Add($"turbine {t} mast", MeshBuilder.Cylinder("mast", 0.9f, 40, 12), SceneMaterials.White.Tinted(0.85f, 0.85f, 0.85f), At(x, 0, z));
            for (int k = 0; k < 3; k++)
            {
                int index = k, turbine = t;
                b.Add(new SceneObject($"turbine {t} blade {k}", blade, SceneMaterials.White.Tinted(0.9f, 0.9f, 0.9f), time =>
                    At(0, 9, 0) * Matrix4x4.CreateRotationZ((float)(index * 2 * Math.PI / 3 + time * (0.5 + 0.1 * turbine))) * At(x, 40, z + 1.2f)));
            }
        }
        return b.Objects;
    }
}
