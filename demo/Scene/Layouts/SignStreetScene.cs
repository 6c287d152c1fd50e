using System.Numerics;
using GdpoRealtime.Demo.Scene.Meshes;
using GdpoRealtime.Demo.Scene.Textures;
using static GdpoRealtime.Demo.Scene.Layouts.LayoutBuilder;

namespace GdpoRealtime.Demo.Scene.Layouts;

/// <summary>
/// A shopping street: facades of brick, plaster and concrete with rows of dark windows, shop fascias,
/// posters of small print, street-name plates, traffic signs and a bus-stop timetable, a zebra crossing
/// and lane markings, awnings, street lamps and tram wires across the street. Text at every size and
/// angle, from shop names to timetable digits a few pixels high.
/// </summary>
public static class SignStreetScene
{
    public const int Revision = 1;
    private const float HalfRoad = 4, Pavement = 3;

    public static SceneDefinition Create() =>
        new("sign-street", Revision, Objects(), new[] { DriveDown(), Pedestrian(), Balcony() }, LightingPresets.Outdoor);

    private static CameraPath DriveDown() => Path(7.5, 60,
        (new(-1.8f, 1.4f, 40), new(-1, 2.5f, 0)),
        (new(-1.8f, 1.4f, 28), new(-5, 3, -10)),
        (new(-1.5f, 1.4f, 16), new(4, 3.5f, -20)),
        (new(-2, 1.4f, 4), new(-2, 2, -40)),
        (new(-1.8f, 1.4f, -8), new(-8, 4, -22)),
        (new(-1.6f, 1.4f, -20), new(6, 3, -36)),
        (new(-1.8f, 1.4f, -32), new(0, 2.5f, -70)),
        (new(1.8f, 1.4f, 0), new(1, 2.5f, 40)));

    private static CameraPath Pedestrian() => Path(7.5, 55,
        (new(-5.4f, 1.65f, 30), new(-7, 3.2f, 24)),
        (new(-5.2f, 1.7f, 20), new(-7, 2.8f, 14)),
        (new(-5.5f, 1.6f, 8), new(-7, 1.8f, 5)),
        (new(-5.0f, 1.7f, -4), new(8, 3, -8)),
        (new(5.2f, 1.65f, -12), new(7, 3, -18)),
        (new(5.4f, 1.7f, -24), new(7, 2.2f, -28)),
        (new(5.0f, 1.6f, -36), new(-6, 4, -30)),
        (new(0, 1.7f, 36), new(-7, 3, 30)));

    private static CameraPath Balcony() => Path(7.5, 50,
        (new(6, 6.5f, 36), new(-7, 3, 16)),
        (new(6, 7, 20), new(-7, 4, 4)),
        (new(5.5f, 6, 4), new(-7, 2.5f, -10)),
        (new(-6, 6.5f, -6), new(7, 3, -20)),
        (new(-6, 7.5f, -20), new(7, 2, -34)),
        (new(0, 9, -40), new(0, 0, 0)),
        (new(-6, 6, 10), new(7, 3.5f, 24)),
        (new(0, 5, 44), new(0, 1, 0)));

    private static IReadOnlyList<SceneObject> Objects()
    {
        var b = new LayoutBuilder();
        b.Add("ground", MeshBuilder.Ground("ground", 400), SceneMaterials.Paving, Matrix4x4.Identity);
        b.Add("road", MeshBuilder.Box("road", new(2 * HalfRoad, 0.04f, 140)), SceneMaterials.Concrete.Tinted(0.45f, 0.45f, 0.48f), At(0, 0.02f, -10));
        foreach (int side in new[] { -1, 1 })
            b.Add($"kerb {side}", MeshBuilder.Box("kerb", new(0.2f, 0.14f, 140)), SceneMaterials.Concrete, At(side * HalfRoad, 0.07f, -10));
        b.Merged("lane dashes", MeshBuilder.Box("dash", new(0.12f, 0.01f, 2.5f)), SceneMaterials.White.Tinted(0.9f, 0.9f, 0.88f),
            Enumerable.Range(0, 24).Select(i => At(0, 0.045f, 55 - 5.5f * i)));
        b.Merged("zebra", MeshBuilder.Box("stripe", new(0.5f, 0.01f, 3)), SceneMaterials.White.Tinted(0.92f, 0.92f, 0.9f),
            Enumerable.Range(0, 8).Select(i => At(-3.5f + i, 0.045f, 12)));

        // Facades: blocks of differing height and material, each with a grid of windows and a shop front.
        var walls = new[] { SceneMaterials.Brick, SceneMaterials.Plaster.Tinted(1f, 0.9f, 0.8f), SceneMaterials.Concrete, SceneMaterials.Brick.Tinted(0.8f, 0.85f, 0.9f),
            SceneMaterials.Plaster.Tinted(0.8f, 0.9f, 1f), SceneMaterials.Wood.Tinted(0.9f, 0.8f, 0.7f) };
        var window = MeshBuilder.Box("window", new(1.1f, 1.5f, 0.1f));
        int block = 0;
        foreach (int side in new[] { -1, 1 })
        {
            float face = side * (HalfRoad + Pavement);
            for (float z = 50; z > -70; block++)
            {
                float width = 8 + 6 * Hash(block, 0, 601), height = 8 + 10 * Hash(block, 1, 601);
                float centre = z - width / 2;
                b.Add($"block {block}", MeshBuilder.Box("block", new(6, height, width - 0.2f)), walls[block % walls.Length], At(face + side * 3, height / 2, centre));
                var windows = new List<Matrix4x4>();
                float fasciaTop = 3.2f + (width - 2) / 4;
                for (float wy = fasciaTop + 1.2f; wy + 1 < height; wy += 3)
                    for (float wz = -width / 2 + 1.5f; wz < width / 2 - 1; wz += 2)
                        windows.Add(TurnedAt(90, face + side * 0.02f, wy, centre + wz));
                b.Merged($"windows {block}", window, SceneMaterials.Glass, windows);
                b.Add($"shop window {block}", MeshBuilder.Box("shop window", new(0.1f, 2.2f, width - 3)), SceneMaterials.Glass, At(face + side * 0.02f, 1.4f, centre));
                int band = (block % 4) switch { 0 => StreetSignAtlas.Fascia, 1 => StreetSignAtlas.NamePlate, 2 => StreetSignAtlas.Fascia, _ => StreetSignAtlas.Timetable };
                b.Add($"fascia {block}", MeshBuilder.Quad("fascia", width - 2, (width - 2) / 4), SceneMaterials.StreetSign(band),
                    TurnedAt(-side * 90, face - side * 0.03f, 3.2f + (width - 2) / 8, centre));
                if (block % 2 == 0)
                    b.Add($"awning {block}", MeshBuilder.Box("awning", new(1.6f, 0.05f, width - 3)), SceneMaterials.Fabric.Tinted(1.1f, 1f, 0.9f),
                        Matrix4x4.CreateRotationZ(side * 0.3f) * At(face - side * 0.8f, 2.9f, centre));
                if (block % 3 == 1)
                    b.Add($"poster {block}", MeshBuilder.Quad("poster", 2.4f, 0.6f), SceneMaterials.StreetSign(StreetSignAtlas.Poster),
                        TurnedAt(-side * 90, face - side * 0.03f, 1.5f, centre + width / 2 - 1.4f));
                z -= width;
            }
        }

        // Street furniture: lamps, sign poles, a bus shelter with its timetable.
        for (int i = 0; i < 8; i++)
        {
            int side = i % 2 == 0 ? -1 : 1;
            float x = side * (HalfRoad + 0.5f), z = 44 - 14 * i;
            b.Add($"lamp {i}", MeshBuilder.Cylinder("lamp", 0.06f, 6, 10), SceneMaterials.DarkMetal, At(x, 0, z));
            b.Add($"lamp arm {i}", MeshBuilder.Tube("arm", new(x, 5.9f, z), new(x - side * 1.5f, 6.1f, z), 0.035f), SceneMaterials.DarkMetal, Matrix4x4.Identity);
            b.Add($"lamp head {i}", MeshBuilder.Box("head", new(0.5f, 0.1f, 0.25f)), SceneMaterials.Lamp, At(x - side * 1.6f, 6.05f, z));
        }
        var plates = new[] { (SceneMaterials.StreetSign(StreetSignAtlas.NamePlate), 1.6f, 0.4f), (SceneMaterials.Sign(SignAtlas.Warning), 1.2f, 0.3f), (SceneMaterials.Sign(SignAtlas.Exit), 1.2f, 0.3f) };
        for (int i = 0; i < 6; i++)
        {
            int side = i % 2 == 0 ? 1 : -1;
            float x = side * (HalfRoad + 0.4f), z = 36 - 17 * i;
            var (material, w, h) = plates[i % plates.Length];
            b.Add($"sign pole {i}", MeshBuilder.Cylinder("sign pole", 0.04f, 2.8f, 8), SceneMaterials.Metal, At(x, 0, z));
            b.Add($"sign {i}", MeshBuilder.Quad("sign", w, h), material, TurnedAt(side * 15, x, 2.5f, z + 0.05f));
        }
        b.Add("shelter roof", MeshBuilder.Box("roof", new(1.6f, 0.08f, 4)), SceneMaterials.Metal, At(HalfRoad + 1.6f, 2.5f, -2));
        b.Merged("shelter posts", MeshBuilder.Cylinder("post", 0.04f, 2.5f, 8), SceneMaterials.Metal, new[] { At(HalfRoad + 1, 0, -3.9f), At(HalfRoad + 1, 0, -0.1f), At(HalfRoad + 2.3f, 0, -3.9f), At(HalfRoad + 2.3f, 0, -0.1f) });
        b.Add("timetable", MeshBuilder.Quad("timetable", 1.6f, 0.4f), SceneMaterials.StreetSign(StreetSignAtlas.Timetable), TurnedAt(-90, HalfRoad + 2.35f, 1.6f, -2));

        // Tram wires across and along the street.
        for (int i = 0; i < 7; i++)
        {
            float z = 40 - 16 * i;
            b.Cable($"span wire {i}", new(-(HalfRoad + Pavement), 7, z), new(HalfRoad + Pavement, 7, z), 0.5f, 0.012f);
        }
        foreach (float x in new[] { -1.8f, 1.8f })
            b.Add($"contact wire {x}", MeshBuilder.Tube("contact", new(x, 6.6f, 50), new(x, 6.6f, -70), 0.01f), SceneMaterials.Cable, Matrix4x4.Identity);
        b.Tree("street tree 1", -(HalfRoad + 2), 20, 3, 4);
        b.Tree("street tree 2", HalfRoad + 2, 6, 3, 4.5f, 40);
        return b.Objects;
    }
}
