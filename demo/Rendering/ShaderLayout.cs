using System.Numerics;
using System.Runtime.InteropServices;

namespace GdpoRealtime.Demo.Rendering;

/// <summary>
/// The C# side of shaders/include/shared_layout.h: binding numbers, vertex locations and the byte layout
/// of every uniform and push-constant block. Field names are the GLSL member names in PascalCase;
/// ShaderLayoutTests reads the compiled SPIR-V and checks every offset, size and binding against these.
/// </summary>
public static class ShaderLayout
{
    public const uint VertexLocationPosition = 0;
    public const uint VertexLocationNormal = 1;
    public const uint VertexLocationUv = 2;

    public const uint SceneBindingFrame = 0;
    public const uint SceneBindingMaterials = 1;

    public const uint ResolveBindingSource = 0;

    public const uint PresentBindingLeft = 0;
    public const uint PresentBindingRight = 1;
    public const uint PresentBindingOverlay = 2;
}

/// <summary>Per-view constants of the scene pass (std140 uniform block).</summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
public struct FrameUniforms
{
    public const int SizeInBytes = 256;

    [FieldOffset(0)] public Matrix4x4 ViewProjection;
    [FieldOffset(64)] public Matrix4x4 InverseViewProjection;
    [FieldOffset(128)] public Vector4 CameraPosition;
    [FieldOffset(144)] public Vector4 SunDirection;
    [FieldOffset(160)] public Vector4 SunColor;
    [FieldOffset(176)] public Vector4 SkyZenithColor;
    [FieldOffset(192)] public Vector4 SkyHorizonColor;
    [FieldOffset(208)] public Vector4 GroundColor;
    [FieldOffset(224)] public Vector4 Fog;
    [FieldOffset(240)] public Vector4 Texturing;
}

/// <summary>Per-object push constants of the scene pass.</summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
public struct ObjectPush
{
    public const int SizeInBytes = 112;

    [FieldOffset(0)] public Matrix4x4 Model;
    [FieldOffset(64)] public Vector4 Tint;
    [FieldOffset(80)] public Vector4 UvTransform;
    [FieldOffset(96)] public Vector4 Material;
}

/// <summary>Push constants of the supersampling resolve pass.</summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
public struct ResolvePush
{
    public const int SizeInBytes = 16;

    [FieldOffset(0)] public int Factor;
    [FieldOffset(4)] public int Unused0;
    [FieldOffset(8)] public int Unused1;
    [FieldOffset(12)] public int Unused2;
}

/// <summary>Push constants of the viewer's present pass.</summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
public struct PresentPush
{
    public const int SizeInBytes = 32;

    [FieldOffset(0)] public Vector4 Viewport;
    [FieldOffset(16)] public Vector4 Options;
}
