using System.Numerics;
using GdpoRealtime.Demo.Scene;

namespace GdpoRealtime.Demo.Rendering;

/// <summary>
/// One frame of the demo: the scene time and camera, the low-res size a game renders at (with its sub-pixel
/// jitter in low-res pixels), the output size the upscaler produces and the lighting.
/// </summary>
public sealed record FrameDescription(int Index, double Time, CameraPose Camera, Vector2 Jitter,
    int LowResWidth, int LowResHeight, int Width, int Height)
{
    /// <summary>The lighting of this frame; null: the scene's default.</summary>
    public SceneLighting? Lighting { get; init; }

    /// <summary>Frame <paramref name="index"/> at <paramref name="time"/> seen along one of the scene's camera paths under one of its lightings.</summary>
    public static FrameDescription At(SceneDefinition scene, int index, double time, FrameSizes sizes, bool jitter, int cameraPath = 0, int lighting = 0) =>
        new(index, time, scene.CameraPaths[cameraPath].At(time), jitter ? Scene.Jitter.ForFrame(index, sizes.Scale.Value) : Vector2.Zero,
            sizes.LowResWidth, sizes.LowResHeight, sizes.Width, sizes.Height)
        {
            Lighting = scene.Lightings[lighting],
        };
}
