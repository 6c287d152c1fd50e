using System.Numerics;

namespace GdpoRealtime.Demo.Scene;

/// <summary>
/// The lightings scenes draw from: times of day outdoors and two interiors. They change what the network
/// sees most broadly (overall brightness and contrast, colour casts, long grazing highlights at a low sun,
/// fog that flattens the distance), so each scene cycles through several of them.
/// </summary>
public static class LightingPresets
{
    /// <summary>Clear noon: the courtyard's original lighting.</summary>
    public static readonly SceneLighting Noon = new();

    /// <summary>A lower, warmer sun from the other side: long bright and dark faces, stronger texture relief.</summary>
    public static readonly SceneLighting Afternoon = new()
    {
        Name = "afternoon",
        SunDirection = Vector3.Normalize(new Vector3(-0.6f, 0.45f, 0.5f)),
        SunColor = new(2.4f, 2.0f, 1.55f),
        Ambient = 0.45f,
        SkyZenith = new(0.2f, 0.36f, 0.72f),
        SkyHorizon = new(0.78f, 0.75f, 0.7f),
        FogDensity = 0.007f,
    };

    /// <summary>Dusk: the sun at the horizon, orange light and a purple-to-amber sky, dim and low in contrast.</summary>
    public static readonly SceneLighting Dusk = new()
    {
        Name = "dusk",
        SunDirection = Vector3.Normalize(new Vector3(0.8f, 0.12f, -0.55f)),
        SunColor = new(1.9f, 0.95f, 0.45f),
        SunDiscDegrees = 1.6f,
        Ambient = 0.32f,
        SkyZenith = new(0.12f, 0.12f, 0.3f),
        SkyHorizon = new(0.85f, 0.5f, 0.3f),
        Ground = new(0.18f, 0.14f, 0.14f),
        FogDensity = 0.012f,
        Exposure = 1.25f,
    };

    /// <summary>Overcast: a weak high sun, strong even sky light, grey sky and thicker fog (soft, flat shading).</summary>
    public static readonly SceneLighting Overcast = new()
    {
        Name = "overcast",
        SunDirection = Vector3.Normalize(new Vector3(0.2f, 0.9f, 0.3f)),
        SunColor = new(0.55f, 0.56f, 0.6f),
        SunDiscDegrees = 0.01f,
        Ambient = 1.25f,
        SkyZenith = new(0.5f, 0.53f, 0.58f),
        SkyHorizon = new(0.72f, 0.74f, 0.76f),
        Ground = new(0.32f, 0.31f, 0.3f),
        FogDensity = 0.018f,
        Exposure = 1.05f,
    };

    /// <summary>Cool fluorescent interior: light mostly from the "sky" term (all around), a faint directional fill.</summary>
    public static readonly SceneLighting Fluorescent = new()
    {
        Name = "fluorescent",
        SunDirection = Vector3.Normalize(new Vector3(0.15f, 1f, 0.25f)),
        SunColor = new(0.8f, 0.85f, 0.9f),
        SunDiscDegrees = 0.01f,
        Ambient = 1.1f,
        SkyZenith = new(0.75f, 0.8f, 0.85f),
        SkyHorizon = new(0.45f, 0.47f, 0.5f),
        Ground = new(0.35f, 0.35f, 0.36f),
        FogDensity = 0.004f,
        Exposure = 1f,
    };

    /// <summary>Warm, dim interior lamplight from one side: darker frames with strong falloff to black.</summary>
    public static readonly SceneLighting Lamplight = new()
    {
        Name = "lamplight",
        SunDirection = Vector3.Normalize(new Vector3(-0.7f, 0.5f, 0.3f)),
        SunColor = new(1.5f, 1.05f, 0.6f),
        SunDiscDegrees = 0.01f,
        Ambient = 0.35f,
        SkyZenith = new(0.45f, 0.35f, 0.25f),
        SkyHorizon = new(0.2f, 0.16f, 0.12f),
        Ground = new(0.12f, 0.1f, 0.08f),
        FogDensity = 0.02f,
        Exposure = 1.2f,
    };

    /// <summary>The four outdoor lightings, noon first.</summary>
    public static IReadOnlyList<SceneLighting> Outdoor { get; } = new[] { Noon, Afternoon, Dusk, Overcast };

    /// <summary>The interiors' lightings (with overcast daylight from the far openings as a third).</summary>
    public static IReadOnlyList<SceneLighting> Indoor { get; } = new[] { Fluorescent, Lamplight, Overcast };
}
