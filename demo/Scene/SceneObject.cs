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

/// <summary>The lighting and sky of a scene; the defaults are the courtyard's clear noon.</summary>
public sealed record SceneLighting
{
    /// <summary>Names the lighting in capture manifests ("noon", "dusk", ...).</summary>
    public string Name { get; init; } = "noon";

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

/// <summary>
/// Everything that is drawn: objects, the camera paths and lightings a capture cycles through (the first of
/// each is the scene's default, what the viewer shows), and a revision that names this content. Every
/// frame is a pure function of (time, camera path, lighting).
/// </summary>
public sealed record SceneDefinition
{
    public SceneDefinition(string name, int revision, IReadOnlyList<SceneObject> objects, IReadOnlyList<CameraPath> cameraPaths,
        IReadOnlyList<SceneLighting> lightings)
    {
        if (cameraPaths.Count == 0) throw new ArgumentException("A scene needs at least one camera path.", nameof(cameraPaths));
        if (lightings.Count == 0) throw new ArgumentException("A scene needs at least one lighting.", nameof(lightings));
        if (lightings.Select(l => l.Name).Distinct().Count() != lightings.Count)
            throw new ArgumentException("Lighting names must be distinct: manifests record them.", nameof(lightings));
        Name = name;
        Revision = revision;
        Objects = objects;
        CameraPaths = cameraPaths;
        Lightings = lightings;
    }

    public string Name { get; }
    public int Revision { get; }
    public IReadOnlyList<SceneObject> Objects { get; }
    public IReadOnlyList<CameraPath> CameraPaths { get; }
    public IReadOnlyList<SceneLighting> Lightings { get; }

    /// <summary>The default camera path.</summary>
    public CameraPath Camera => CameraPaths[0];

    /// <summary>The default lighting.</summary>
    public SceneLighting Lighting => Lightings[0];
}
