using System.Runtime.InteropServices;
using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene.Meshes;

namespace GdpoRealtime.Tests.Demo.Rendering;

/// <summary>
/// shaders/include/shared_layout.h and demo/Rendering/ShaderLayout.cs must agree: these tests read the
/// SPIR-V the build compiled and compare every block member offset, binding and vertex location with the C# side.
/// </summary>
public class ShaderLayoutTests
{
    private static SpirvModule Module(string name) => new(ShaderLibrary.Load(name));

    private static void AssertSameLayout<T>(string shader, string glslName, int size) where T : struct
    {
        var glsl = Module(shader).MemberOffsets(glslName);
        var fields = typeof(T).GetFields().Where(f => !f.IsStatic && !f.IsLiteral).ToList();
        Assert.That(Marshal.SizeOf<T>(), Is.EqualTo(size), $"{typeof(T).Name} size");
        var used = fields.Where(f => !f.Name.StartsWith("Unused", StringComparison.Ordinal)).ToList();
        Assert.That(glsl.Keys.Select(Pascal), Is.EquivalentTo(used.Select(f => f.Name)).Or.EquivalentTo(fields.Select(f => f.Name)),
            $"members of {glslName} in {shader}");
        foreach (var (member, offset) in glsl)
            Assert.That((uint)Marshal.OffsetOf<T>(Pascal(member)), Is.EqualTo(offset), $"{glslName}.{member} in {shader}");
        uint last = glsl.Values.Max();
        var lastField = fields.Single(f => (uint)Marshal.OffsetOf<T>(f.Name) == last);
        Assert.That(last + (uint)Marshal.SizeOf(lastField.FieldType), Is.LessThanOrEqualTo((uint)size));
    }

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    [TestCase("scene.vert")]
    [TestCase("scene.frag")]
    [TestCase("sky.frag")]
    public void FrameUniformsMatch(string shader) => AssertSameLayout<FrameUniforms>(shader, "FrameUniforms", FrameUniforms.SizeInBytes);

    [TestCase("scene.vert")]
    [TestCase("scene.frag")]
    public void ObjectPushMatches(string shader) => AssertSameLayout<ObjectPush>(shader, "ObjectPush", ObjectPush.SizeInBytes);

    [Test]
    public void ResolvePushMatches() => AssertSameLayout<ResolvePush>("resolve.frag", "ResolvePush", ResolvePush.SizeInBytes);

    [Test]
    public void PresentPushMatches() => AssertSameLayout<PresentPush>("present.frag", "PresentPush", PresentPush.SizeInBytes);

    [Test]
    public void PushConstantsFitTheGuaranteedMinimum()
    {
        foreach (int size in new[] { ObjectPush.SizeInBytes, ResolvePush.SizeInBytes, PresentPush.SizeInBytes })
            Assert.That(size, Is.LessThanOrEqualTo(128), "every Vulkan device offers 128 bytes of push constants");
    }

    [Test]
    public void BindingsMatch()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Module("scene.vert").BindingOf("FrameBlock"), Is.EqualTo(ShaderLayout.SceneBindingFrame));
            Assert.That(Module("scene.frag").BindingOf("FrameBlock"), Is.EqualTo(ShaderLayout.SceneBindingFrame));
            Assert.That(Module("sky.frag").BindingOf("FrameBlock"), Is.EqualTo(ShaderLayout.SceneBindingFrame));
            Assert.That(Module("scene.frag").BindingOf("materials"), Is.EqualTo(ShaderLayout.SceneBindingMaterials));
            Assert.That(Module("resolve.frag").BindingOf("source"), Is.EqualTo(ShaderLayout.ResolveBindingSource));
            Assert.That(Module("present.frag").BindingOf("leftFrame"), Is.EqualTo(ShaderLayout.PresentBindingLeft));
            Assert.That(Module("present.frag").BindingOf("rightFrame"), Is.EqualTo(ShaderLayout.PresentBindingRight));
            Assert.That(Module("present.frag").BindingOf("overlay"), Is.EqualTo(ShaderLayout.PresentBindingOverlay));
        });
    }

    [Test]
    public void VertexLocationsAndOffsetsMatch()
    {
        var vertex = Module("scene.vert");
        Assert.That(vertex.LocationOf("inPosition"), Is.EqualTo(ShaderLayout.VertexLocationPosition));
        Assert.That(vertex.LocationOf("inNormal"), Is.EqualTo(ShaderLayout.VertexLocationNormal));
        Assert.That(vertex.LocationOf("inUv"), Is.EqualTo(ShaderLayout.VertexLocationUv));
        Assert.That(Marshal.SizeOf<Vertex>(), Is.EqualTo(Vertex.SizeInBytes));
        var sample = new Vertex(new(1, 2, 3), new(4, 5, 6), new(7, 8));
        var floats = MemoryMarshal.Cast<Vertex, float>(new[] { sample });
        Assert.That(floats[Vertex.PositionOffset / 4], Is.EqualTo(1));
        Assert.That(floats[Vertex.NormalOffset / 4], Is.EqualTo(4));
        Assert.That(floats[Vertex.UvOffset / 4], Is.EqualTo(7));
    }

    [Test]
    public void EveryShaderIsEmbedded()
    {
        Assert.That(ShaderLibrary.Names, Is.SupersetOf(new[] { "scene.vert", "scene.frag", "sky.frag", "fullscreen.vert", "resolve.frag", "present.frag" }));
    }
}
