using System.Numerics;
using GdpoRealtime.Demo.Scene.Meshes;
using GdpoRealtime.Demo.Scene.Textures;

namespace GdpoRealtime.Demo.Scene.Layouts;

/// <summary>
/// Collects a layout's objects, with the assemblies several layouts share (sagging cables, trees of leaf
/// cards, fields of grass tufts, fence runs). Many small repeated parts are merged into one mesh per
/// material, so a layout stays a few hundred draws even with thousands of blades or bars.
/// </summary>
public sealed class LayoutBuilder
{
    private readonly List<SceneObject> objects = new();

    public IReadOnlyList<SceneObject> Objects => objects;

    public void Add(string name, Mesh mesh, Material material, Matrix4x4 placement) =>
        objects.Add(SceneObject.Static(name, mesh, material, placement));

    public void Add(SceneObject item) => objects.Add(item);

    public static Matrix4x4 At(float x, float y, float z) => Matrix4x4.CreateTranslation(x, y, z);

    public static Matrix4x4 TurnedAt(float degreesY, float x, float y, float z) =>
        Matrix4x4.CreateRotationY(degreesY * MathF.PI / 180) * At(x, y, z);

    /// <summary>A value in [0, 1) that is a pure function of (a, b) and a seed: layouts place things with it.</summary>
    public static float Hash(int a, int b, uint seed) => TextureNoise.Random(a, b, seed);

    /// <summary>Points of a cable hanging between <paramref name="from"/> and <paramref name="to"/>, sagging by <paramref name="sag"/> metres mid-span.</summary>
    public static List<Vector3> Catenary(Vector3 from, Vector3 to, float sag, int segments = 24) =>
        Enumerable.Range(0, segments + 1).Select(k =>
        {
            float t = k / (float)segments;
            return Vector3.Lerp(from, to, t) - new Vector3(0, sag * 4 * t * (1 - t), 0);
        }).ToList();

    public void Cable(string name, Vector3 from, Vector3 to, float sag, float radius, Material? material = null) =>
        Add(name, MeshBuilder.Polyline(name, Catenary(from, to, sag), radius), material ?? SceneMaterials.Cable, Matrix4x4.Identity);

    /// <summary>A tree: a bark trunk and three crossed leaf cards for a crown of <paramref name="crown"/> metres.</summary>
    public void Tree(string name, float x, float z, float trunkHeight, float crown, float turn = 0, Vector3? tint = null)
    {
        Add($"{name} trunk", MeshBuilder.Cylinder("trunk", 0.06f * crown, trunkHeight, 10), SceneMaterials.Bark, At(x, 0, z));
        var leaves = tint is { } t ? SceneMaterials.Leaves with { Tint = t } : SceneMaterials.Leaves;
        var card = MeshBuilder.Quad("crown", crown, crown);
        for (int i = 0; i < 3; i++) Add($"{name} crown {i}", card, leaves, TurnedAt(turn + i * 60, x, trunkHeight + crown * 0.3f, z));
    }

    /// <summary>
    /// Grass tufts (two crossed grass cards each) scattered over a rectangle, skipping where
    /// <paramref name="keepOut"/> says so; one merged mesh.
    /// </summary>
    public void GrassField(string name, Vector2 min, Vector2 max, int tufts, uint seed, Func<float, float, bool>? keepOut = null, float size = 0.6f)
    {
        var builder = new MeshBuilder();
        for (int i = 0; i < tufts; i++)
        {
            float x = min.X + (max.X - min.X) * Hash(i, 0, seed), z = min.Y + (max.Y - min.Y) * Hash(i, 1, seed);
            if (keepOut?.Invoke(x, z) == true) continue;
            float s = size * (0.6f + 0.8f * Hash(i, 2, seed)), turn = 180 * Hash(i, 3, seed);
            var card = MeshBuilder.Quad("tuft", s * 1.4f, s);
            for (int k = 0; k < 2; k++) builder.Append(card, TurnedAt(turn + 90 * k, x, s / 2, z));
        }
        Add(name, builder.Build(name), SceneMaterials.Grass, Matrix4x4.Identity);
    }

    /// <summary>Copies of <paramref name="part"/> at each placement, merged into one mesh.</summary>
    public void Merged(string name, Mesh part, Material material, IEnumerable<Matrix4x4> placements)
    {
        var builder = new MeshBuilder();
        foreach (var placement in placements) builder.Append(part, placement);
        Add(name, builder.Build(name), material, Matrix4x4.Identity);
    }

    /// <summary>
    /// A straight fence from <paramref name="from"/> to <paramref name="to"/> on the ground: alpha-tested
    /// panels of <paramref name="panel"/> (mesh or grate) between thin posts, and a top rail.
    /// </summary>
    public void FenceRun(string name, Vector3 from, Vector3 to, float height, Material panel, float panelWidth = 3f, float uvPerMetre = 1f)
    {
        var along = to - from;
        float length = along.Length();
        int panels = Math.Max(1, (int)MathF.Round(length / panelWidth));
        float width = length / panels;
        float angle = MathF.Atan2(-along.Z, along.X) * 180 / MathF.PI;
        var quad = MeshBuilder.Quad("fence panel", width, height);
        var material = panel with { UvScale = new(width * uvPerMetre, height * uvPerMetre) };
        var posts = new List<Matrix4x4>();
        for (int i = 0; i < panels; i++)
        {
            var centre = from + along * ((i + 0.5f) / panels);
            Add($"{name} panel {i}", quad, material, TurnedAt(angle, centre.X, height / 2 + 0.05f, centre.Z));
        }
        for (int i = 0; i <= panels; i++)
        {
            var p = from + along * (i / (float)panels);
            posts.Add(At(p.X, 0, p.Z));
        }
        Merged($"{name} posts", MeshBuilder.Cylinder("post", 0.03f, height + 0.1f, 8), SceneMaterials.DarkMetal, posts);
        Add($"{name} rail", MeshBuilder.Tube("rail", from + new Vector3(0, height + 0.08f, 0), to + new Vector3(0, height + 0.08f, 0), 0.02f), SceneMaterials.DarkMetal, Matrix4x4.Identity);
    }

    /// <summary>A line of utility poles with <paramref name="wires"/> sagging cables between each pair.</summary>
    public void PoleLine(string name, IReadOnlyList<Vector3> poles, float height, int wires, float sag)
    {
        var poleMaterial = SceneMaterials.Bark with { UvScale = new(2, 0.25f), Tint = new(0.75f, 0.7f, 0.65f) };
        var pole = MeshBuilder.Cylinder("pole", 0.12f, height, 12);
        var arm = MeshBuilder.Box("crossarm", new(1.8f, 0.1f, 0.1f));
        for (int i = 0; i < poles.Count; i++)
        {
            Add($"{name} pole {i}", pole, poleMaterial, At(poles[i].X, 0, poles[i].Z));
            Add($"{name} arm {i}", arm, SceneMaterials.DarkMetal, TurnedAt(ArmAngle(poles, i), poles[i].X, height - 0.4f, poles[i].Z));
        }
        for (int i = 0; i + 1 < poles.Count; i++)
            for (int w = 0; w < wires; w++)
            {
                float offset = wires == 1 ? 0 : -0.8f + 1.6f * w / (wires - 1);
                var a = poles[i] + Side(poles, i) * offset + new Vector3(0, height - 0.3f, 0);
                var b = poles[i + 1] + Side(poles, i + 1) * offset + new Vector3(0, height - 0.3f, 0);
                Cable($"{name} wire {i}.{w}", a, b, sag, 0.014f);
            }
    }

    private static Vector3 Direction(IReadOnlyList<Vector3> poles, int i)
    {
        var d = poles[Math.Min(i + 1, poles.Count - 1)] - poles[Math.Max(i - 1, 0)];
        d.Y = 0;
        return Vector3.Normalize(d);
    }

    private static Vector3 Side(IReadOnlyList<Vector3> poles, int i)
    {
        var d = Direction(poles, i);
        return new Vector3(-d.Z, 0, d.X);
    }

    private static float ArmAngle(IReadOnlyList<Vector3> poles, int i)
    {
        var s = Side(poles, i);
        return MathF.Atan2(-s.Z, s.X) * 180 / MathF.PI;
    }

    public static CameraPath Path(double secondsPerKey, float fieldOfViewYDegrees, params (Vector3 Position, Vector3 Target)[] keys) =>
        new(keys, secondsPerKey, fieldOfViewYDegrees);
}
