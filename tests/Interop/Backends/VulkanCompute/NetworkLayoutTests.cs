using System.Runtime.InteropServices;
using GdpoRealtime.Interop.Backends.VulkanCompute;
using GdpoRealtime.Tests.Demo.Rendering;

namespace GdpoRealtime.Tests.Interop.Backends.VulkanCompute;

/// <summary>
/// shaders/network/include/network_layout.h and NetworkLayout.cs must agree: the compiled SPIR-V of every pass is read
/// back and its push-constant offsets and binding numbers compared with the C# side; the baked variants must hold
/// every weight placeholder once.
/// </summary>
public class NetworkLayoutTests
{
    private static readonly string[] Passes =
    {
        NetworkShaders.Head, NetworkShaders.HeadFloat16, NetworkShaders.HeadBaked, NetworkShaders.Convolution, NetworkShaders.ConvolutionFloat16,
        NetworkShaders.ConvolutionBaked, NetworkShaders.Tail, NetworkShaders.TailFloat16, NetworkShaders.TailBaked, NetworkShaders.Resample,
    };

    private static IEnumerable<string> AllPasses => Passes;

    [TestCaseSource(nameof(AllPasses))]
    public void ThePushConstantsMatch(string shader)
    {
        var offsets = new SpirvModule(NetworkShaders.Load(shader)).MemberOffsets("NetworkPush");
        var fields = typeof(NetworkPush).GetFields().Where(f => !f.IsStatic).ToList();
        Assert.That(offsets.Keys.Select(k => char.ToUpperInvariant(k[0]) + k[1..]), Is.EquivalentTo(fields.Select(f => f.Name)));
        foreach (var (member, offset) in offsets)
            Assert.That((uint)Marshal.OffsetOf<NetworkPush>(char.ToUpperInvariant(member[0]) + member[1..]), Is.EqualTo(offset), $"NetworkPush.{member} in {shader}");
        Assert.That(NetworkPush.Size, Is.EqualTo(96u));
    }

    [TestCase(NetworkShaders.Head, "frame", NetworkLayout.HeadFrame)]
    [TestCase(NetworkShaders.Head, "noise", NetworkLayout.HeadNoise)]
    [TestCase(NetworkShaders.Head, "Weights", NetworkLayout.HeadWeights)]
    [TestCase(NetworkShaders.Head, "features", NetworkLayout.HeadFeatures)]
    [TestCase(NetworkShaders.Head, "latent", NetworkLayout.HeadLatent)]
    [TestCase(NetworkShaders.Convolution, "source", NetworkLayout.ConvSource)]
    [TestCase(NetworkShaders.Convolution, "Weights", NetworkLayout.ConvWeights)]
    [TestCase(NetworkShaders.Convolution, "target", NetworkLayout.ConvTarget)]
    [TestCase(NetworkShaders.Convolution, "residual0", NetworkLayout.ConvResidual0)]
    [TestCase(NetworkShaders.Convolution, "residual1", NetworkLayout.ConvResidual1)]
    [TestCase(NetworkShaders.TailFloat16, "source", NetworkLayout.TailSource)]
    [TestCase(NetworkShaders.TailFloat16, "Weights", NetworkLayout.TailWeights)]
    [TestCase(NetworkShaders.Tail, "latent", NetworkLayout.TailLatent)]
    [TestCase(NetworkShaders.Tail, "pixels", NetworkLayout.TailPixels)]
    [TestCase(NetworkShaders.Tail, "image", NetworkLayout.TailImage)]
    [TestCase(NetworkShaders.Resample, "image", NetworkLayout.ResampleImage)]
    [TestCase(NetworkShaders.Resample, "pixels", NetworkLayout.ResamplePixels)]
    public void TheBindingsMatch(string shader, string variable, uint binding) =>
        Assert.That(new SpirvModule(NetworkShaders.Load(shader)).BindingOf(variable), Is.EqualTo(binding));

    [TestCase(NetworkShaders.HeadBaked)]
    [TestCase(NetworkShaders.ConvolutionBaked)]
    [TestCase(NetworkShaders.TailBaked)]
    public void BakingReplacesEveryPlaceholderOnce(string shader)
    {
        var weights = Enumerable.Range(0, 100).Select(i => i * 0.25f - 7f).ToArray();
        var spirv = NetworkShaders.Load(shader);
        var patched = BakedWeights.Patch(spirv, weights, shader);
        Assert.That(patched, Has.Length.EqualTo(spirv.Length));
        Assert.That(patched, Is.Not.EqualTo(spirv));
        Assert.Throws<InvalidDataException>(() => BakedWeights.Patch(patched, weights, shader), "the placeholders are gone once baked");
    }
}
