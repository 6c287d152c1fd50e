namespace GdpoRealtime.Demo.Scene.Meshes;

/// <summary>An indexed triangle list (counter-clockwise front faces).</summary>
public sealed class Mesh(string name, Vertex[] vertices, uint[] indices)
{
    public string Name { get; } = name;
    public Vertex[] Vertices { get; } = vertices;
    public uint[] Indices { get; } = indices;

    public int TriangleCount => Indices.Length / 3;
}
