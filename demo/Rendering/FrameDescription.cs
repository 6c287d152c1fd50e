using System.Numerics;
using GdpoRealtime.Demo.Scene;

namespace GdpoRealtime.Demo.Rendering;

/// <summary>
/// One frame of the demo: the scene time and camera, the low-res size a game renders at (with its sub-pixel
/// jitter in low-res pixels) and the output size the upscaler produces.
/// </summary>
public sealed record FrameDescription(int Index, double Time, CameraPose Camera, Vector2 Jitter,
    int LowResWidth, int LowResHeight, int Width, int Height)
{
    public static FrameDescription At(SceneDefinition scene, int index, double time, FrameSizes sizes, bool jitter) =>
        new(index, time, scene.Camera.At(time), jitter ? Scene.Jitter.ForFrame(index, sizes.Scale.Value) : Vector2.Zero,
            sizes.LowResWidth, sizes.LowResHeight, sizes.Width, sizes.Height);
}
