using System.Numerics;
using GdpoRealtime.Demo.Scene.Meshes;

namespace GdpoRealtime.Demo.Scene;

/// <summary>A mesh with a material and a placement that may depend on scene time (spinning blades).</summary>
public sealed record SceneObject(string Name, Mesh Mesh, Material Material, Func<double, Matrix4x4> Placement)
{
    public static SceneObject Static(string name, Mesh mesh, Material material, Matrix4x4 placement) =>
        new(name, mesh, material, _ => placement);

    /// <summary>Drawn without back-face culling: cards and anything alpha-tested.</summary>
    public bool TwoSided => Material.AlphaCutoff > 0;
}

/// <summary>The lighting and sky of a scene.</summary>
public sealed record SceneLighting
{
    public Vector3 SunDirection { get; init; } = Vector3.Normalize(new Vector3(0.45f, 0.75f, 0.42f));
    public Vector3 SunColor { get; init; } = new(2.3f, 2.15f, 1.9f);
    public float SunDiscDegrees { get; init; } = 1.2f;
    public float Ambient { get; init; } = 0.55f;
    public Vector3 SkyZenith { get; init; } = new(0.16f, 0.32f, 0.75f);
    public Vector3 SkyHorizon { get; init; } = new(0.65f, 0.74f, 0.86f);
    public Vector3 Ground { get; init; } = new(0.3f, 0.27f, 0.24f);
    public float FogDensity { get; init; } = 0.006f;
    public float Exposure { get; init; } = 0.95f;
}

/// <summary>Everything that is drawn: objects, camera path, lighting, and a version that names this content.</summary>
public sealed record SceneDefinition(string Name, int Revision, IReadOnlyList<SceneObject> Objects, CameraPath Camera, SceneLighting Lighting);
