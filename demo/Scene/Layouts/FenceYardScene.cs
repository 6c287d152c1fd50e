using System.Numerics;
using GdpoRealtime.Demo.Scene.Meshes;
using GdpoRealtime.Demo.Scene.Textures;
using static GdpoRealtime.Demo.Scene.Layouts.LayoutBuilder;

namespace GdpoRealtime.Demo.Scene.Layouts;

/// <summary>
/// A storage yard behind fences: chain-link runs with barbed wire on top, expanded-metal panels, drain
/// grates in the concrete, stacked corrugated containers, a steel catwalk with thin railings, an overhead
/// power line with many wires and cables snaking over the ground. Nearly everything here is thinner than a
/// low-res pixel somewhere in the frame: the fence meshes and wires are what 1 spp rendering breaks apart.
/// </summary>
public static class FenceYardScene
{
    public const int Revision = 1;

    public static SceneDefinition Create() =>
        new("fence-yard", Revision, Objects(), new[] { AlongFence(), AmongContainers(), AcrossYard() }, LightingPresets.Outdoor);

    private static CameraPath AlongFence() => Path(7.5, 60,
        (new(-13.5f, 1.6f, 11), new(-10, 1.2f, -10)),
        (new(-13.5f, 1.7f, 3), new(-22, 1.4f, 0)),
        (new(-13.5f, 1.5f, -6), new(-10, 2.5f, -20)),
        (new(-10, 1.8f, -13.8f), new(8, 1.4f, -18)),
        (new(2, 1.6f, -13.8f), new(14, 3, -20)),
        (new(13.5f, 1.7f, -12), new(24, 1.2f, -4)),
        (new(13.5f, 1.5f, 0), new(13, 1.6f, 14)),
        (new(0, 1.7f, 11.5f), new(-16, 1.5f, 4)));

    private static CameraPath AmongContainers() => Path(7.5, 65,
        (new(9, 1.7f, -5.6f), new(-6, 4, -6)),
        (new(2, 1.6f, -5.6f), new(-4, 6, -2)),
        (new(-5, 1.8f, -5.6f), new(-12, 4, -9)),
        (new(-13, 1.6f, -5), new(0, 7, -3)),
        (new(-10, 1.7f, 0), new(4, 4, -4)),
        (new(-2, 1.5f, 1), new(-8, 7, -10)),
        (new(6, 1.7f, 1), new(0, 2, -6)),
        (new(10, 2.2f, -2), new(-4, 3, -6)));

    private static CameraPath AcrossYard() => Path(7.5, 55,
        (new(-13, 4.2f, 10), new(0, 0, -4)),
        (new(-6, 3.2f, 12), new(6, 0.5f, 0)),
        (new(8, 2.6f, 12), new(-4, 0, 2)),
        (new(13, 5.5f, 8), new(0, 1, -6)),
        (new(13.5f, 3.8f, -10), new(-4, 0.5f, 2)),
        (new(4, 1.2f, -13.8f), new(-10, 0.4f, 6)),
        (new(-10, 2.4f, -13.8f), new(6, 0, 8)),
        (new(-13.5f, 3.0f, 0), new(4, 1, 10)));

    private static IReadOnlyList<SceneObject> Objects()
    {
        var b = new LayoutBuilder();
        b.Add("concrete", MeshBuilder.Ground("concrete", 300), SceneMaterials.Concrete.Tinted(0.8f, 0.8f, 0.78f), Matrix4x4.Identity);

        // Chain-link perimeter with barbed wire, and an expanded-metal inner fence.
        var corners = new[] { new Vector3(-15, 0, 13), new Vector3(-15, 0, -15), new Vector3(15, 0, -15), new Vector3(15, 0, 13) };
        for (int i = 0; i < 3; i++)
        {
            b.FenceRun($"chain link {i}", corners[i], corners[i + 1], 2.4f, SceneMaterials.ChainLink, 3, 0.9f);
            for (int w = 0; w < 3; w++)
            {
                var lift = new Vector3(0, 2.6f + 0.15f * w, 0);
                var points = Enumerable.Range(0, 81).Select(k =>
                {
                    var p = Vector3.Lerp(corners[i], corners[i + 1], k / 80f) + lift;
                    return p + new Vector3(0, 0.015f * ((k & 1) * 2 - 1), 0); // the twist of barbed wire
                }).ToList();
                b.Add($"barbed wire {i}.{w}", MeshBuilder.Polyline("barbed", points, 0.006f), SceneMaterials.Metal.Tinted(0.5f, 0.5f, 0.5f), Matrix4x4.Identity);
            }
        }
        b.FenceRun("grate fence", new(-12, 0, 6), new(-3, 0, 6), 2f, SceneMaterials.Grate, 2, 1f);

        // Drain grates in the ground, over dark pits.
        for (int i = 0; i < 6; i++)
        {
            float x = -10 + 4 * i, z = 1 + 2 * (i % 2);
            b.Add($"drain {i}", MeshBuilder.Quad("drain", 1.2f, 0.6f), SceneMaterials.Grate with { UvScale = new(1.2f, 0.6f) },
                Matrix4x4.CreateRotationX(-MathF.PI / 2) * At(x, 0.02f, z));
            b.Add($"drain pit {i}", MeshBuilder.Box("pit", new(1.2f, 0.01f, 0.6f)), SceneMaterials.White.Tinted(0.03f, 0.03f, 0.03f), At(x, 0.005f, z));
        }

        // Containers, two high in places.
        var paint = new[] { new Vector3(1.5f, 0.35f, 0.25f), new Vector3(0.35f, 0.6f, 1.3f), new Vector3(0.5f, 1.1f, 0.55f), new Vector3(1.6f, 1.1f, 0.3f), new Vector3(1.1f, 1.1f, 1.1f) };
        var container = MeshBuilder.Box("container", new(6.1f, 2.6f, 2.44f));
        float[] rows = { -11, -8.3f, -3 };
        for (int i = 0; i < 9; i++)
        {
            float x = -9 + 6.6f * (i % 3), z = rows[i / 3];
            int stack = (i * 7) % 3 == 0 ? 2 : 1;
            for (int level = 0; level < stack; level++)
                b.Add($"container {i}.{level}", container, SceneMaterials.Corrugated with { Tint = paint[(i + level) % paint.Length], UvScale = new(0.8f, 0.8f) },
                    TurnedAt(2 * level, x, 1.3f + 2.6f * level, z));
        }

        // A catwalk of grating on posts, with thin railings.
        b.Add("catwalk", MeshBuilder.Box("catwalk", new(1.2f, 0.05f, 16)), SceneMaterials.Grate with { UvScale = new(1.5f, 1.5f) }, At(12, 3, 0));
        b.Merged("catwalk posts", MeshBuilder.Box("post", new(0.08f, 3, 0.08f)), SceneMaterials.DarkMetal.Tinted(1.2f, 0.9f, 0.2f),
            Enumerable.Range(0, 5).SelectMany(i => new[] { At(11.45f, 1.5f, -8 + 4 * i), At(12.55f, 1.5f, -8 + 4 * i) }));
        foreach (float x in new[] { 11.42f, 12.58f })
            foreach (float y in new[] { 3.55f, 4.05f })
                b.Add($"railing {x}.{y}", MeshBuilder.Tube("rail", new(x, y, -8), new(x, y, 8), 0.02f), SceneMaterials.DarkMetal.Tinted(1.2f, 0.9f, 0.2f), Matrix4x4.Identity);
        b.Merged("railing bars", MeshBuilder.Box("bar", new(0.015f, 1.05f, 0.015f)), SceneMaterials.DarkMetal,
            Enumerable.Range(0, 81).SelectMany(i => new[] { At(11.42f, 3.55f, -8 + 0.2f * i), At(12.58f, 3.55f, -8 + 0.2f * i) }));

        // Overhead power line across the yard, a lamp post, cables on the ground.
        b.PoleLine("power", new[] { new Vector3(-30, 0, -30), new Vector3(-10, 0, -8), new Vector3(10, 0, 14), new Vector3(30, 0, 36) }, 11, 5, 1.1f);
        b.Add("lamp post", MeshBuilder.Cylinder("lamp post", 0.07f, 7, 10), SceneMaterials.DarkMetal, At(-13, 0, -1));
        b.Add("lamp arm", MeshBuilder.Tube("arm", new(-13, 6.9f, -1), new(-11.5f, 7.1f, -1), 0.04f), SceneMaterials.DarkMetal, Matrix4x4.Identity);
        b.Add("lamp head", MeshBuilder.Box("head", new(0.6f, 0.1f, 0.3f)), SceneMaterials.Lamp, At(-11.3f, 7.05f, -1));
        for (int k = 0; k < 4; k++)
        {
            var points = Enumerable.Range(0, 60).Select(i => new Vector3(-13 + 0.4f * i, 0.02f, 10 - k * 0.6f + 0.8f * MathF.Sin(i * 0.25f + k))).ToList();
            b.Add($"ground cable {k}", MeshBuilder.Polyline("ground cable", points, 0.02f), SceneMaterials.Cable with { Tint = k == 1 ? new(0.7f, 0.35f, 0.05f) : new(0.08f, 0.08f, 0.08f) }, Matrix4x4.Identity);
        }
        b.Add("cable reel", MeshBuilder.Cylinder("reel", 0.8f, 0.9f, 20), SceneMaterials.Wood, Matrix4x4.CreateRotationX(MathF.PI / 2) * At(-10, 0.8f, 10.5f));
        b.Add("yard sign", MeshBuilder.Quad("sign", 1.6f, 0.4f), SceneMaterials.Sign(SignAtlas.Warning), TurnedAt(0, -8, 1.6f, 6.06f));
        b.Add("gatehouse", MeshBuilder.Box("gatehouse", new(4, 3, 3)), SceneMaterials.Brick, At(-24, 1.5f, 10));
        b.Tree("outside tree", -28, -6, 3.5f, 6);
        b.Tree("outside tree 2", 26, -26, 3, 7, 30);
        return b.Objects;
    }
}
