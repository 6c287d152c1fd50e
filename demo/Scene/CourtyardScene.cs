using System.Numerics;
using GdpoRealtime.Demo.Scene.Layouts;
using GdpoRealtime.Demo.Scene.Meshes;
using GdpoRealtime.Demo.Scene.Textures;

namespace GdpoRealtime.Demo.Scene;

/// <summary>
/// A walled courtyard a game might show, built to stress an upscaler: brick and plaster walls, cobbled
/// ground, an expanded-metal fence, a wire fence and overhead cables (thin geometry), signs with large and
/// fine text, a Siemens star and a checkerboard (hard edges at every angle and frequency), woven banners,
/// foliage cards and hedges, tilted striped pillars, spinning striped blades, smooth lit spheres and an
/// open sky (smooth gradients). The camera loops through it in 60 seconds; two more paths (a low walk along
/// the fences and the signs, a high orbit over the walls) and four outdoor lightings vary the captures.
/// </summary>
public static class CourtyardScene
{
    /// <summary>Bump when objects, materials, lighting or the camera paths change: captures record it.</summary>
    public const int Revision = 2;

    public static SceneDefinition Create() =>
        new("courtyard", Revision, Objects(), new[] { Path(), LowWalk(), HighOrbit() }, LightingPresets.Outdoor);

    /// <summary>A walk at knee to eye height past the grate, the wire fence, the star and the fine print.</summary>
    public static CameraPath LowWalk() => LayoutBuilder.Path(7.5, 55,
        (new(-12, 1.0f, 9), new(-7, 1.0f, 5)),
        (new(-7, 0.8f, 8), new(-3, 0.4f, 4)),
        (new(-1, 1.2f, 10), new(3, 1.5f, 8)),
        (new(4, 1.6f, 6), new(6, 1.9f, 3.9f)),
        (new(8, 1.3f, 6), new(11, 0.8f, 2)),
        (new(7, 1.1f, -3), new(11, 0.7f, 4)),
        (new(2, 1.5f, -3), new(-1, 1.5f, -7)),
        (new(-9, 1.4f, 2), new(-14.5f, 2.6f, 4)));

    /// <summary>A slow orbit from above the walls: the paving and cables foreshortened, wall tops against the sky.</summary>
    public static CameraPath HighOrbit() => LayoutBuilder.Path(7.5, 65,
        (new(0, 11, 24), new(0, 0, -4)),
        (new(-20, 12, 14), new(-2, 0, -2)),
        (new(-22, 9, -8), new(0, 2, -4)),
        (new(-8, 13, -22), new(0, 0, 0)),
        (new(10, 10, -22), new(0, 1, -2)),
        (new(22, 12, -6), new(0, 0, -4)),
        (new(20, 8, 14), new(2, 2, 0)),
        (new(8, 14, 24), new(0, 0, -2)));

    public static CameraPath Path() => new(new (Vector3, Vector3)[]
    {
        (new(0, 1.8f, 18), new(0, 2.5f, -14)),
        (new(-4, 1.6f, 11), new(-10, 1.2f, 4)),
        (new(-11, 2.2f, 0), new(-2, 3.8f, -14)),
        (new(-6, 1.4f, -9), new(2, 1.5f, -6)),
        (new(2, 1.7f, -8), new(12, 1.6f, -4)),
        (new(8, 2.0f, 6), new(8, 6, -9)),
        (new(10, 1.7f, 9), new(3, 1.4f, 6)),
        (new(3, 5.5f, 22), new(0, 1.5f, 0)),
    }, secondsPerKey: 7.5, fieldOfViewYDegrees: 60);

    private static Matrix4x4 At(float x, float y, float z) => Matrix4x4.CreateTranslation(x, y, z);

    private static Matrix4x4 TurnedAt(float degreesY, float x, float y, float z) =>
        Matrix4x4.CreateRotationY(degreesY * MathF.PI / 180) * At(x, y, z);

    private static IReadOnlyList<SceneObject> Objects()
    {
        var list = new List<SceneObject>();
        void Add(string name, Mesh mesh, Material material, Matrix4x4 placement) => list.Add(SceneObject.Static(name, mesh, material, placement));

        var brick = SceneMaterials.Brick;
        var plaster = SceneMaterials.Plaster;
        var metal = SceneMaterials.Metal;
        var darkMetal = SceneMaterials.DarkMetal;
        var wood = SceneMaterials.Wood;
        var fabric = SceneMaterials.Fabric;
        var stripes = SceneMaterials.Stripes;
        var leaves = SceneMaterials.Leaves;

        // Ground and walls.
        Add("ground", MeshBuilder.Ground("ground", 240), SceneMaterials.Paving, Matrix4x4.Identity);
        Add("back wall", MeshBuilder.Box("back wall", new(30, 6, 0.8f)), brick, At(0, 3, -15));
        Add("left wall", MeshBuilder.Box("left wall", new(0.8f, 6, 26)), brick, At(-15, 3, -2));
        Add("right wall", MeshBuilder.Box("right wall", new(0.8f, 5, 18)), plaster, At(15, 2.5f, -6));
        Add("wall coping", MeshBuilder.Box("coping", new(30.4f, 0.15f, 1.0f)), darkMetal with { Texture = TextureSlot.White }, At(0, 6.05f, -15));

        // Door, awning, crates.
        Add("door", MeshBuilder.Box("door", new(2.2f, 3, 0.1f)), wood with { UvScale = new(0.45f, 0.45f), Tint = new(0.7f, 0.75f, 0.8f) }, At(-6, 1.5f, -14.55f));
        Add("awning", MeshBuilder.Box("awning", new(3.2f, 0.06f, 1.4f)), fabric,
            Matrix4x4.CreateRotationX(-15 * MathF.PI / 180) * At(-6, 3.4f, -13.95f));
        Add("crate 1", MeshBuilder.Box("crate", new(1, 1, 1)), wood, At(-3.6f, 0.5f, -12.6f));
        Add("crate 2", MeshBuilder.Box("crate", new(1, 1, 1)), wood, TurnedAt(17, -2.4f, 0.5f, -12.3f));
        Add("crate 3", MeshBuilder.Box("crate", new(1, 1, 1)), wood, TurnedAt(-9, -3.0f, 1.5f, -12.45f));

        // Signs: title board on the back wall, warning and fine print on a post, exit sign on the left wall.
        Material Band(int band) => SceneMaterials.Sign(band);
        Add("title sign", MeshBuilder.Quad("title sign", 7, 1.75f), Band(SignAtlas.Title), At(2, 4.4f, -14.58f));
        Add("sign post", MeshBuilder.Cylinder("post", 0.04f, 2.3f), metal, At(6, 0, 3.9f));
        Add("warning sign", MeshBuilder.Quad("warning sign", 1.2f, 0.3f), Band(SignAtlas.Warning), TurnedAt(25, 6, 2.05f, 3.95f));
        Add("fine print", MeshBuilder.Quad("fine print", 1.2f, 0.3f), Band(SignAtlas.FinePrint), TurnedAt(25, 6, 1.7f, 3.95f));
        Add("exit sign", MeshBuilder.Quad("exit sign", 1.6f, 0.4f), Band(SignAtlas.Exit), TurnedAt(90, -14.55f, 2.6f, 4));

        // Expanded-metal fence panels with thin frame posts.
        for (int i = 0; i < 4; i++)
        {
            float x = -11 + 2.05f * i;
            Add($"grate {i}", MeshBuilder.Quad("grate", 2, 2), new Material { Texture = TextureSlot.Grate, AlphaCutoff = 0.5f, Specular = 0.5f, Shininess = 40 },
                At(x, 1.05f, 5));
            Add($"grate post {i}", MeshBuilder.Box("grate post", new(0.05f, 2.2f, 0.05f)), darkMetal, At(x - 1.025f, 1.1f, 5));
        }
        Add("grate post end", MeshBuilder.Box("grate post", new(0.05f, 2.2f, 0.05f)), darkMetal, At(-11 + 2.05f * 3 + 1.025f, 1.1f, 5));
        Add("grate rail", MeshBuilder.Box("grate rail", new(8.25f, 0.05f, 0.05f)), darkMetal, At(-11 + 3.075f, 2.15f, 5));

        // Wire fence: thin posts and rails.
        for (int i = 0; i <= 12; i++)
            Add($"fence post {i}", MeshBuilder.Cylinder("fence post", 0.025f, 1.3f, 8), darkMetal, At(11, 0, -2 + i));
        foreach (float height in new[] { 0.4f, 0.8f, 1.25f })
            Add($"fence rail {height}", MeshBuilder.Tube("rail", new(11, height, -2), new(11, height, 10), 0.012f), darkMetal, Matrix4x4.Identity);

        // Utility poles with sagging cables against the sky.
        var poles = new[] { new Vector3(-10, 0, 12), new Vector3(12, 0, 14), new Vector3(10, 0, -12) };
        foreach (var (pole, index) in poles.Select((p, i) => (p, i)))
        {
            Add($"pole {index}", MeshBuilder.Cylinder("pole", 0.12f, 9, 16), new Material { Texture = TextureSlot.Bark, UvScale = new(2, 0.25f), Tint = new(0.75f, 0.7f, 0.65f), Specular = 0.02f }, At(pole.X, 0, pole.Z));
            Add($"crossarm {index}", MeshBuilder.Box("crossarm", new(1.8f, 0.1f, 0.1f)), darkMetal, TurnedAt(index * 35, pole.X, 8.6f, pole.Z));
        }
        for (int span = 0; span < 2; span++)
        {
            var from = poles[span];
            var to = poles[span + 1];
            for (int wire = -1; wire <= 1; wire++)
            {
                var offsetFrom = Vector3.Transform(new Vector3(0.8f * wire, 0, 0), Matrix4x4.CreateRotationY(span * 35 * MathF.PI / 180));
                var offsetTo = Vector3.Transform(new Vector3(0.8f * wire, 0, 0), Matrix4x4.CreateRotationY((span + 1) * 35 * MathF.PI / 180));
                var a = from + offsetFrom + new Vector3(0, 8.7f, 0);
                var b = to + offsetTo + new Vector3(0, 8.7f, 0);
                var points = Enumerable.Range(0, 33).Select(k =>
                {
                    float t = k / 32f;
                    return Vector3.Lerp(a, b, t) - new Vector3(0, 0.9f * 4 * t * (1 - t), 0);
                }).ToList();
                Add($"cable {span}.{wire}", MeshBuilder.Polyline("cable", points, 0.014f), darkMetal with { Tint = new(0.12f, 0.12f, 0.13f) }, Matrix4x4.Identity);
            }
        }

        // A turbine with six striped blades, spinning.
        Add("turbine mast", MeshBuilder.Cylinder("mast", 0.08f, 6, 12), metal, At(8, 0, -9));
        var blade = MeshBuilder.Box("blade", new(0.14f, 2.2f, 0.03f));
        for (int i = 0; i < 6; i++)
        {
            int index = i;
            list.Add(new SceneObject($"blade {i}", blade, stripes with { UvScale = new(2, 2) }, time =>
                At(0, 1.2f, 0) * Matrix4x4.CreateRotationZ((float)(index * Math.PI / 3 + time * 0.7)) * At(8, 6, -8.85f)));
        }
        Add("hub", MeshBuilder.Sphere("hub", 0.16f, 8, 16), metal, At(8, 6, -8.85f));

        // Siemens star on a stand and a checkerboard on the ground.
        Add("star board", MeshBuilder.Quad("star", 2, 2), new Material { Texture = TextureSlot.Star, Specular = 0.05f }, TurnedAt(35, 3, 1.5f, 8));
        Add("star back", MeshBuilder.Box("star back", new(2.05f, 2.05f, 0.04f)), darkMetal, At(0, 0, -0.03f) * TurnedAt(35, 3, 1.5f, 8));
        Add("star leg", MeshBuilder.Cylinder("leg", 0.03f, 0.5f, 8), darkMetal, At(3, 0, 8));
        Add("checkerboard", MeshBuilder.Box("checkerboard", new(5, 0.02f, 5)), new Material { Texture = TextureSlot.Checker, UvScale = new(0.5f, 0.5f), Specular = 0.2f }, At(-3, 0.01f, 4));

        // Tilted striped pillars: straight edges at many angles.
        float[] tilts = { 0, 12, 24, -16, 35, 50 };
        for (int i = 0; i < tilts.Length; i++)
        {
            float angle = i * 30 * MathF.PI / 180;
            var placement = Matrix4x4.CreateTranslation(0, 1.5f, 0) * Matrix4x4.CreateRotationZ(tilts[i] * MathF.PI / 180)
                * Matrix4x4.CreateRotationY(angle) * At(-1 + 3 * MathF.Cos(angle), 0, -7 + 2 * MathF.Sin(angle));
            Add($"pillar {i}", MeshBuilder.Box("pillar", new(0.3f, 3, 0.3f)), stripes, placement);
        }

        // Banners of woven cloth on the left wall.
        Add("banner 1", MeshBuilder.Quad("banner", 1.2f, 3), fabric with { UvScale = new(1.2f, 3) }, TurnedAt(90, -14.55f, 3.6f, -8));
        Add("banner 2", MeshBuilder.Quad("banner", 1.2f, 3), fabric with { UvScale = new(1.2f, 3), Tint = new(0.85f, 0.95f, 1.1f) }, TurnedAt(90, -14.55f, 3.6f, -3));

        // Hedge along the plaster wall, trees of crossed leaf cards.
        Add("hedge", MeshBuilder.Box("hedge", new(1.0f, 1.3f, 16)), new Material { Texture = TextureSlot.Hedge, UvScale = new(0.5f, 0.5f), Specular = 0.03f }, At(13.9f, 0.65f, -6));
        foreach (var (x, z, name) in new[] { (-8f, -6f, "tree 1"), (4f, -11.5f, "tree 2") })
        {
            Add($"{name} trunk", MeshBuilder.Cylinder("trunk", 0.18f, 3.2f, 12), new Material { Texture = TextureSlot.Bark, UvScale = new(1, 0.5f), Specular = 0.02f }, At(x, 0, z));
            for (int card = 0; card < 3; card++)
                Add($"{name} crown {card}", MeshBuilder.Quad("crown", 3.6f, 3.6f), leaves, TurnedAt(card * 60, x, 3.9f, z));
        }

        // Smooth lit spheres.
        var white = new Material { Texture = TextureSlot.White, Specular = 0.5f, Shininess = 60 };
        Add("sphere large", MeshBuilder.Sphere("sphere", 1.2f), white with { Tint = new(0.85f, 0.85f, 0.85f) }, At(9, 1.2f, 0));
        Add("sphere red", MeshBuilder.Sphere("sphere", 0.8f), white with { Tint = new(0.8f, 0.16f, 0.12f) }, At(10.6f, 0.8f, 2.6f));
        Add("sphere blue", MeshBuilder.Sphere("sphere", 0.6f), white with { Tint = new(0.15f, 0.3f, 0.8f) }, At(7.7f, 0.6f, 2.9f));
        return list;
    }
}
