using System.Numerics;
using GdpoRealtime.Demo.Scene.Meshes;
using static GdpoRealtime.Demo.Scene.Layouts.LayoutBuilder;

namespace GdpoRealtime.Demo.Scene.Layouts;

/// <summary>
/// A walled garden: lawn with thousands of alpha-tested grass tufts, trees of leaf cards (one avenue, some
/// scattered), clipped hedges, flower beds, a timber pergola and trellis of thin slats, gravel paths, a
/// fountain and benches. Foliage is the hardest texture for an upscaler: alpha-tested edges alias at
/// 1 spp, and the detail is irregular, so no pattern can be guessed.
/// </summary>
public static class FoliageGardenScene
{
    public const int Revision = 1;

    public static SceneDefinition Create() =>
        new("foliage-garden", Revision, Objects(), new[] { Stroll(), LowThroughGrass(), UnderTrees() }, LightingPresets.Outdoor);

    private static CameraPath Stroll() => Path(7.5, 60,
        (new(0, 1.7f, 24), new(0, 1.5f, 0)),
        (new(0.5f, 1.7f, 14), new(-8, 1.2f, 6)),
        (new(-1, 1.6f, 4), new(6, 2, -6)),
        (new(2, 1.7f, -6), new(0, 2.5f, -20)),
        (new(8, 1.7f, -10), new(16, 1.5f, 0)),
        (new(14, 1.6f, 2), new(4, 2, 10)),
        (new(8, 1.7f, 12), new(-6, 1.4f, 20)),
        (new(-6, 1.7f, 18), new(4, 1.5f, 4)));

    private static CameraPath LowThroughGrass() => Path(7.5, 70,
        (new(-10, 0.45f, 14), new(0, 0.4f, 4)),
        (new(-4, 0.35f, 16), new(8, 0.6f, 10)),
        (new(6, 0.5f, 16), new(14, 0.8f, 4)),
        (new(12, 0.4f, 8), new(4, 0.3f, -2)),
        (new(10, 0.6f, -4), new(-2, 1.2f, -10)),
        (new(-2, 0.45f, -8), new(-12, 0.4f, 2)),
        (new(-12, 0.5f, -2), new(-4, 0.5f, 10)),
        (new(-14, 0.4f, 6), new(2, 0.8f, 14)));

    private static CameraPath UnderTrees() => Path(7.5, 65,
        (new(-6, 1.5f, 8), new(-10, 6, 0)),
        (new(-8, 1.6f, -2), new(-12, 7, -10)),
        (new(-5, 1.4f, -12), new(4, 5, -16)),
        (new(4, 1.7f, -14), new(10, 6, -6)),
        (new(10, 1.5f, -4), new(14, 5, 6)),
        (new(4, 2.8f, 6), new(4, 2.2f, -2)),
        (new(-2, 2.2f, 10), new(-8, 2.5f, 14)),
        (new(-8, 1.5f, 14), new(-6, 3, 2)));

    private static bool OnPath(float x, float z) => MathF.Abs(x) < 1.4f || MathF.Abs(z - 2) < 1.2f;

    private static IReadOnlyList<SceneObject> Objects()
    {
        var b = new LayoutBuilder();
        b.Add("lawn", MeshBuilder.Ground("lawn", 200), SceneMaterials.Hedge.Tinted(0.95f, 1.15f, 0.8f) with { UvScale = new(0.7f, 0.7f) }, Matrix4x4.Identity);
        b.Add("path", MeshBuilder.Box("path", new(2.4f, 0.04f, 50)), SceneMaterials.Paving.Tinted(1.05f, 1f, 0.92f) with { UvScale = new(1.2f, 1.2f) }, At(0, 0.02f, 0));
        b.Add("cross path", MeshBuilder.Box("cross path", new(40, 0.04f, 2)), SceneMaterials.Paving.Tinted(1.05f, 1f, 0.92f) with { UvScale = new(1.2f, 1.2f) }, At(0, 0.02f, 2));
        b.GrassField("grass", new(-20, -20), new(20, 24), 3200, 701, OnPath, 0.5f);

        // An avenue along the path, scattered trees, hedges and a garden wall.
        for (int i = 0; i < 6; i++)
        {
            b.Tree($"avenue left {i}", -3, 18 - 7 * i, 2.6f + 0.5f * Hash(i, 0, 702), 4 + Hash(i, 1, 702), 25 * i);
            b.Tree($"avenue right {i}", 3, 14.5f - 7 * i, 2.6f + 0.5f * Hash(i, 2, 702), 4 + Hash(i, 3, 702), 40 + 25 * i);
        }
        for (int i = 0; i < 10; i++)
        {
            float x = -18 + 36 * Hash(i, 0, 703), z = -18 + 40 * Hash(i, 1, 703);
            if (MathF.Abs(x) < 5) x += 10 * MathF.Sign(x + 0.1f);
            b.Tree($"tree {i}", x, z, 2 + 3 * Hash(i, 2, 703), 4 + 4 * Hash(i, 3, 703), 90 * Hash(i, 4, 703),
                new Vector3(0.8f + 0.4f * Hash(i, 5, 703), 0.9f + 0.2f * Hash(i, 6, 703), 0.7f + 0.3f * Hash(i, 7, 703)));
        }
        foreach (var (x, z, w, d) in new[] { (-10f, 12f, 10f, 0.9f), (10f, 12f, 10f, 0.9f), (-10f, -8f, 0.9f, 12f), (12f, -10f, 0.9f, 10f) })
            b.Add($"hedge {x}.{z}", MeshBuilder.Box("hedge", new(w, 1.4f, d)), SceneMaterials.Hedge, At(x, 0.7f, z));
        b.Add("garden wall", MeshBuilder.Box("garden wall", new(50, 2.6f, 0.5f)), SceneMaterials.Brick.Tinted(0.95f, 0.9f, 0.85f), At(0, 1.3f, -24));
        b.Add("wall cap", MeshBuilder.Box("cap", new(50.2f, 0.1f, 0.6f)), SceneMaterials.Concrete, At(0, 2.65f, -24));

        // Flower beds: low leaf cards tinted as blossoms.
        var bloom = MeshBuilder.Quad("bloom", 0.5f, 0.4f);
        var tints = new[] { new Vector3(2.4f, 0.5f, 0.5f), new Vector3(2.2f, 2.0f, 0.4f), new Vector3(1.6f, 0.8f, 2.2f), new Vector3(2.4f, 2.4f, 2.4f) };
        for (int bed = 0; bed < 4; bed++)
        {
            float cx = bed % 2 == 0 ? -6 : 6, cz = bed < 2 ? 7 : -3;
            b.Add($"bed {bed}", MeshBuilder.Box("bed", new(4, 0.12f, 2)), SceneMaterials.Bark.Tinted(0.6f, 0.5f, 0.45f) with { UvScale = new(2, 2) }, At(cx, 0.06f, cz));
            b.Merged($"flowers {bed}", bloom, SceneMaterials.Leaves with { Tint = tints[bed] },
                Enumerable.Range(0, 40).SelectMany(i => new[]
                {
                    TurnedAt(180 * Hash(i, bed, 704), cx - 1.8f + 3.6f * Hash(i, 10 + bed, 704), 0.3f, cz - 0.9f + 1.8f * Hash(i, 20 + bed, 704)),
                    TurnedAt(90 + 180 * Hash(i, bed, 704), cx - 1.8f + 3.6f * Hash(i, 10 + bed, 704), 0.3f, cz - 0.9f + 1.8f * Hash(i, 20 + bed, 704)),
                }));
        }

        // Pergola of timber with a trellis of thin slats and climbing leaves.
        var timber = SceneMaterials.Wood.Tinted(0.85f, 0.75f, 0.6f);
        b.Merged("pergola posts", MeshBuilder.Box("post", new(0.15f, 2.8f, 0.15f)), timber,
            new[] { At(2, 1.4f, -12), At(7, 1.4f, -12), At(2, 1.4f, -16), At(7, 1.4f, -16) });
        b.Merged("pergola beams", MeshBuilder.Box("beam", new(5.6f, 0.15f, 0.12f)), timber, new[] { At(4.5f, 2.85f, -12), At(4.5f, 2.85f, -16) });
        b.Merged("pergola rafters", MeshBuilder.Box("rafter", new(0.06f, 0.12f, 4.6f)), timber, Enumerable.Range(0, 19).Select(i => At(2 + 0.28f * i, 3.0f, -14)));
        b.Merged("trellis slats", MeshBuilder.Box("slat", new(0.02f, 2.6f, 0.02f)), timber, Enumerable.Range(0, 21).Select(i => At(2, 1.35f, -16 + 0.2f * i)));
        b.Merged("trellis rails", MeshBuilder.Box("rail", new(0.02f, 0.02f, 4.1f)), timber, Enumerable.Range(0, 13).Select(i => At(2.02f, 0.1f + 0.2f * i, -14)));
        b.Merged("climber", MeshBuilder.Quad("climber", 1.2f, 1.2f), SceneMaterials.Leaves,
            Enumerable.Range(0, 8).Select(i => TurnedAt(80 + 20 * Hash(i, 0, 705), 2.1f, 0.8f + 0.5f * i * Hash(i, 1, 705) + 0.2f * i, -15.5f + 3 * Hash(i, 2, 705))));

        // Fountain and benches.
        b.Add("fountain basin", MeshBuilder.Cylinder("basin", 2, 0.5f, 32), SceneMaterials.Concrete.Tinted(1.1f, 1.05f, 1f), At(0, 0, 2));
        b.Add("fountain water", MeshBuilder.Cylinder("water", 1.8f, 0.52f, 32), SceneMaterials.White.Tinted(0.15f, 0.3f, 0.35f), At(0, 0, 2));
        b.Add("fountain column", MeshBuilder.Cylinder("column", 0.2f, 1.6f, 16), SceneMaterials.Concrete, At(0, 0, 2));
        b.Add("fountain bowl", MeshBuilder.Sphere("bowl", 0.5f, 12, 24), SceneMaterials.Concrete, At(0, 1.6f, 2));
        foreach (var (x, z, turn) in new[] { (-1.8f, 10f, 90f), (1.8f, -6f, -90f), (-6f, 3.4f, 0f) })
        {
            b.Add($"bench {x}", MeshBuilder.Box("bench", new(1.8f, 0.08f, 0.5f)), SceneMaterials.Wood, TurnedAt(turn, x, 0.45f, z));
            b.Add($"bench back {x}", MeshBuilder.Box("bench back", new(1.8f, 0.5f, 0.06f)), SceneMaterials.Wood, At(0, 0, 0.25f) * TurnedAt(turn, x, 0.75f, z));
        }
        return b.Objects;
    }
}
