using System.Numerics;
using System.Runtime.InteropServices;

namespace GdpoRealtime.Demo.Scene.Meshes;

/// <summary>One scene vertex as the vertex shader reads it (locations in shaders/include/shared_layout.h).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct Vertex(Vector3 Position, Vector3 Normal, Vector2 Uv)
{
    public const int SizeInBytes = 32;
    public const int PositionOffset = 0;
    public const int NormalOffset = 12;
    public const int UvOffset = 24;
}
