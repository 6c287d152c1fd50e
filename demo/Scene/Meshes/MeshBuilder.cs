using System.Numerics;

namespace GdpoRealtime.Demo.Scene.Meshes;

/// <summary>
/// Builds the scene's meshes. Sizes are baked into the vertices so that object transforms stay rigid
/// (normals then transform with the model matrix's 3x3 part). Texture coordinates are in metres on walls
/// and boxes, so a material's uv scale is "texture tiles per metre" and nothing stretches; quads map
/// [0, 1] across their face (signs, cards).
/// </summary>
public sealed class MeshBuilder
{
    private readonly List<Vertex> vertices = new();
    private readonly List<uint> indices = new();

    public Mesh Build(string name) => new(name, vertices.ToArray(), indices.ToArray());

    /// <summary>A box centred on the origin, metre-scaled texture coordinates, upright textures on the sides.</summary>
    public static Mesh Box(string name, Vector3 size)
    {
        var builder = new MeshBuilder();
        var h = size / 2;
        // Each face: normal, the axis along which u grows, the axis along which v grows (downwards on sides).
        builder.Face(new Vector3(0, 0, 1), new Vector3(1, 0, 0), new Vector3(0, -1, 0), h, size.X, size.Y);
        builder.Face(new Vector3(0, 0, -1), new Vector3(-1, 0, 0), new Vector3(0, -1, 0), h, size.X, size.Y);
        builder.Face(new Vector3(1, 0, 0), new Vector3(0, 0, -1), new Vector3(0, -1, 0), h, size.Z, size.Y);
        builder.Face(new Vector3(-1, 0, 0), new Vector3(0, 0, 1), new Vector3(0, -1, 0), h, size.Z, size.Y);
        builder.Face(new Vector3(0, 1, 0), new Vector3(1, 0, 0), new Vector3(0, 0, 1), h, size.X, size.Z);
        builder.Face(new Vector3(0, -1, 0), new Vector3(1, 0, 0), new Vector3(0, 0, -1), h, size.X, size.Z);
        return builder.Build(name);
    }

    /// <summary>A quad in the XY plane facing +Z, centred on the origin, texture coordinates [0, 1] (v down).</summary>
    public static Mesh Quad(string name, float width, float height)
    {
        var builder = new MeshBuilder();
        float w = width / 2, hh = height / 2;
        var n = Vector3.UnitZ;
        builder.Quad4(
            new Vertex(new Vector3(-w, hh, 0), n, new Vector2(0, 0)),
            new Vertex(new Vector3(-w, -hh, 0), n, new Vector2(0, 1)),
            new Vertex(new Vector3(w, -hh, 0), n, new Vector2(1, 1)),
            new Vertex(new Vector3(w, hh, 0), n, new Vector2(1, 0)));
        return builder.Build(name);
    }

    /// <summary>A horizontal plane (y = 0) facing up, metre-scaled texture coordinates.</summary>
    public static Mesh Ground(string name, float size)
    {
        var builder = new MeshBuilder();
        float h = size / 2;
        var n = Vector3.UnitY;
        builder.Quad4(
            new Vertex(new Vector3(-h, 0, -h), n, new Vector2(-h, -h)),
            new Vertex(new Vector3(-h, 0, h), n, new Vector2(-h, h)),
            new Vertex(new Vector3(h, 0, h), n, new Vector2(h, h)),
            new Vertex(new Vector3(h, 0, -h), n, new Vector2(h, -h)));
        return builder.Build(name);
    }

    /// <summary>An open cylinder along +Y from 0 to <paramref name="height"/> with a cap on top; u around (metres), v along.</summary>
    public static Mesh Cylinder(string name, float radius, float height, int segments = 12) =>
        Tube(name, new Vector3(0, 0, 0), new Vector3(0, height, 0), radius, segments, capEnd: true);

    /// <summary>A thin tube between two points (wires, rails), with an optional cap at the end.</summary>
    public static Mesh Tube(string name, Vector3 from, Vector3 to, float radius, int segments = 6, bool capEnd = false)
    {
        var builder = new MeshBuilder();
        builder.AddTube(from, to, radius, segments, capEnd);
        return builder.Build(name);
    }

    /// <summary>A chain of tubes through <paramref name="points"/> (a sagging cable).</summary>
    public static Mesh Polyline(string name, IReadOnlyList<Vector3> points, float radius, int segments = 6)
    {
        var builder = new MeshBuilder();
        for (int i = 0; i + 1 < points.Count; i++) builder.AddTube(points[i], points[i + 1], radius, segments, capEnd: false);
        return builder.Build(name);
    }

    /// <summary>A UV sphere with smooth normals.</summary>
    public static Mesh Sphere(string name, float radius, int rings = 24, int segments = 48)
    {
        var builder = new MeshBuilder();
        for (int ring = 0; ring <= rings; ring++)
        {
            float phi = MathF.PI * ring / rings;
            for (int s = 0; s <= segments; s++)
            {
                float theta = 2 * MathF.PI * s / segments;
                var n = new Vector3(MathF.Sin(phi) * MathF.Cos(theta), MathF.Cos(phi), MathF.Sin(phi) * MathF.Sin(theta));
                builder.vertices.Add(new Vertex(n * radius, n, new Vector2(s / (float)segments * 4, ring / (float)rings * 2)));
            }
        }
        int stride = segments + 1;
        for (int ring = 0; ring < rings; ring++)
            for (int s = 0; s < segments; s++)
            {
                uint a = (uint)(ring * stride + s), b = (uint)((ring + 1) * stride + s);
                builder.indices.AddRange(new[] { a, a + 1, b, b, a + 1, b + 1 });
            }
        return builder.Build(name);
    }

    /// <summary>Appends another mesh transformed by <paramref name="transform"/> (rigid).</summary>
    public MeshBuilder Append(Mesh mesh, Matrix4x4 transform)
    {
        uint baseIndex = (uint)vertices.Count;
        foreach (var v in mesh.Vertices)
            vertices.Add(new Vertex(Vector3.Transform(v.Position, transform), Vector3.Normalize(Vector3.TransformNormal(v.Normal, transform)), v.Uv));
        foreach (var i in mesh.Indices) indices.Add(baseIndex + i);
        return this;
    }

    private void AddTube(Vector3 from, Vector3 to, float radius, int segments, bool capEnd)
    {
        var axis = to - from;
        float length = axis.Length();
        var direction = axis / length;
        var side = Vector3.Normalize(Vector3.Cross(direction, MathF.Abs(direction.Y) < 0.9f ? Vector3.UnitY : Vector3.UnitX));
        var up = Vector3.Cross(side, direction);
        uint start = (uint)vertices.Count;
        float circumference = 2 * MathF.PI * radius;
        for (int s = 0; s <= segments; s++)
        {
            float angle = 2 * MathF.PI * s / segments;
            var n = side * MathF.Cos(angle) + up * MathF.Sin(angle);
            float u = circumference * s / segments;
            vertices.Add(new Vertex(from + n * radius, n, new Vector2(u, 0)));
            vertices.Add(new Vertex(to + n * radius, n, new Vector2(u, length)));
        }
        for (int s = 0; s < segments; s++)
        {
            uint a = start + (uint)(2 * s);
            // Counter-clockwise seen from outside.
            indices.AddRange(new[] { a, a + 1, a + 2, a + 1, a + 3, a + 2 });
        }
        if (!capEnd) return;
        uint centre = (uint)vertices.Count;
        vertices.Add(new Vertex(to, direction, new Vector2(0, 0)));
        for (int s = 0; s <= segments; s++)
        {
            float angle = 2 * MathF.PI * s / segments;
            var offset = (side * MathF.Cos(angle) + up * MathF.Sin(angle)) * radius;
            vertices.Add(new Vertex(to + offset, direction, new Vector2(offset.X, offset.Z)));
        }
        for (int s = 0; s < segments; s++) indices.AddRange(new[] { centre, centre + 2 + (uint)s, centre + 1 + (uint)s });
    }

    private void Face(Vector3 normal, Vector3 uAxis, Vector3 vAxis, Vector3 half, float width, float height)
    {
        var centre = normal * MathF.Abs(Vector3.Dot(normal, half));
        var du = uAxis * (width / 2);
        var dv = vAxis * (height / 2);
        Quad4(
            new Vertex(centre - du - dv, normal, new Vector2(0, 0)),
            new Vertex(centre - du + dv, normal, new Vector2(0, height)),
            new Vertex(centre + du + dv, normal, new Vector2(width, height)),
            new Vertex(centre + du - dv, normal, new Vector2(width, 0)));
    }

    /// <summary>Two triangles a-b-c, a-c-d (counter-clockwise seen from the front).</summary>
    private void Quad4(Vertex a, Vertex b, Vertex c, Vertex d)
    {
        uint i = (uint)vertices.Count;
        vertices.AddRange(new[] { a, b, c, d });
        indices.AddRange(new[] { i, i + 1, i + 2, i, i + 2, i + 3 });
    }
}
