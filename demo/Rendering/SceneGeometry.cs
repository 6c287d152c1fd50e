using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Meshes;
using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Demo.Rendering;

/// <summary>Every mesh of a scene in one vertex buffer and one index buffer, with each object's range.</summary>
public sealed class SceneGeometry : IDisposable
{
    public readonly record struct DrawRange(uint FirstIndex, uint IndexCount, int VertexOffset);

    public SceneGeometry(VulkanDevice device, SceneDefinition scene)
    {
        var vertices = new List<Vertex>();
        var indices = new List<uint>();
        var placed = new Dictionary<Mesh, DrawRange>(ReferenceEqualityComparer.Instance);
        var ranges = new List<DrawRange>();
        foreach (var item in scene.Objects)
        {
            if (!placed.TryGetValue(item.Mesh, out var range))
            {
                range = new DrawRange((uint)indices.Count, (uint)item.Mesh.Indices.Length, vertices.Count);
                vertices.AddRange(item.Mesh.Vertices);
                indices.AddRange(item.Mesh.Indices);
                placed[item.Mesh] = range;
            }
            ranges.Add(range);
        }
        Ranges = ranges;
        TriangleCount = scene.Objects.Sum(o => o.Mesh.TriangleCount);
        VertexBuffer = GpuBuffer.CreateWithData<Vertex>(device, vertices.ToArray(), BufferUsageFlags.VertexBufferBit);
        try
        {
            IndexBuffer = GpuBuffer.CreateWithData<uint>(device, indices.ToArray(), BufferUsageFlags.IndexBufferBit);
        }
        catch
        {
            VertexBuffer.Dispose();
            throw;
        }
    }

    public GpuBuffer VertexBuffer { get; }
    public GpuBuffer IndexBuffer { get; }

    /// <summary>The draw range of each scene object, in the scene's object order.</summary>
    public IReadOnlyList<DrawRange> Ranges { get; }

    public int TriangleCount { get; }

    public void Dispose()
    {
        IndexBuffer.Dispose();
        VertexBuffer.Dispose();
    }
}
