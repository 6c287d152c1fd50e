using System.Numerics;

namespace GdpoRealtime.Demo.Scene;

/// <summary>Where the camera is, what it looks at, and its vertical field of view.</summary>
public readonly record struct CameraPose(Vector3 Position, Vector3 Target, float FieldOfViewYDegrees)
{
    public const float NearPlane = 0.1f;
    public const float FarPlane = 400f;

    public Matrix4x4 View => Matrix4x4.CreateLookAt(Position, Target, Vector3.UnitY);

    /// <summary>
    /// Perspective projection for Vulkan (clip-space y points down, depth in [0, 1]) for a target of
    /// <paramref name="width"/> x <paramref name="height"/> pixels, shifted by a sub-pixel jitter.
    /// The jitter moves each pixel's sample point by <paramref name="jitter"/> pixels (x right, y down):
    /// pixel (i, j) then sees the scene at image position (i + 0.5 + jx, j + 0.5 + jy).
    /// </summary>
    public Matrix4x4 Projection(int width, int height, Vector2 jitter = default)
    {
        var projection = Matrix4x4.CreatePerspectiveFieldOfView(
            FieldOfViewYDegrees * MathF.PI / 180f, width / (float)height, NearPlane, FarPlane);
        projection.M22 = -projection.M22;
        if (jitter == Vector2.Zero) return projection;
        // Moving the sample point by +j pixels is moving the image by -j pixels: a clip-space translation
        // of -2j/size in NDC, applied after the projection (row vectors: P * T).
        var shift = Matrix4x4.CreateTranslation(-2f * jitter.X / width, -2f * jitter.Y / height, 0f);
        return projection * shift;
    }

    public Matrix4x4 ViewProjection(int width, int height, Vector2 jitter = default) => View * Projection(width, height, jitter);
}
