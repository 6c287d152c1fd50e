using GdpoRealtime.Interop.Backends.VulkanCompute;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Interop.Backends.VulkanCompute;

/// <summary>
/// The vulkan-compute network against the TorchSharp CPU model of the same checkpoint, on the unclipped float output:
/// float32 within 1e-4 at every pixel, for the built-in model and random networks of every scale's fold (p, q),
/// at odd sizes and sizes that are not multiples of the 8x8 workgroup, with and without noise, RGBA and BGRA.
/// </summary>
[TestFixture("uniform")]
[TestFixture("baked")]
public class NetworkCorrectnessTests(string weights)
{
    private readonly WeightForm form = weights == "baked" ? WeightForm.Baked : WeightForm.Uniform;

    /// <summary>The float32 bound of the issue: max abs difference on the output in [0, 1].</summary>
    public const double Float32Bound = 1e-4;

    private static readonly Lazy<LoadedCheckpoint> RandomX2 = new(() => NetworkRuns.Random(ScaleFactor.X2, 32, 4, seed: 5));
    private static readonly Lazy<LoadedCheckpoint> RandomX15 = new(() => NetworkRuns.Random(new ScaleFactor(3, 2), 10, 1, seed: 6));
    private static readonly Lazy<LoadedCheckpoint> RandomX4 = new(() => NetworkRuns.Random(new ScaleFactor(4, 1), 8, 0, seed: 7));

    private static LoadedCheckpoint Model(string name) => name switch
    {
        "built-in x2" => TestFrames.X2,
        "random x2" => RandomX2.Value,
        "random x1.5" => RandomX15.Value,
        "random x4 (no blocks)" => RandomX4.Value,
        _ => throw new ArgumentException(name),
    };

    [TestCase("built-in x2", 64, 48, 0.0)]
    [TestCase("built-in x2", 37, 23, 1.0)]
    [TestCase("built-in x2", 8, 8, 0.5)]
    [TestCase("built-in x2", 101, 77, 1.0)]
    [TestCase("random x2", 45, 31, 1.0)]
    [TestCase("random x2", 64, 64, 0.0)]
    [TestCase("random x1.5", 33, 27, 1.0)]
    [TestCase("random x1.5", 40, 24, 0.3)]
    [TestCase("random x4 (no blocks)", 19, 13, 1.0)]
    public void Float32OutputEqualsTheCpuModelWithin1e4(string model, int width, int height, double strength)
    {
        var gpu = VulkanTests.Gpu;
        var checkpoint = Model(model);
        var render = new FrameSize(width, height);
        var pixels = NetworkRuns.Pixels(TestFrames.Mosaic(render, offset: width));
        using var network = NetworkRuns.Create(gpu, checkpoint, render, form, seed: 3);
        var actual = NetworkRuns.Output(gpu, network, pixels, render, strength);
        var expected = NetworkRuns.Reference(checkpoint, pixels, render, seed: 3, strength);
        double difference = NetworkRuns.MaxAbsDifference(actual, expected);
        TestContext.Out.WriteLine($"{model}, {render}, noise {strength}, weights {form}: float32 max abs difference {difference:E2}");
        Assert.That(difference, Is.LessThanOrEqualTo(Float32Bound));
    }

    [Test]
    public void ASmallerRenderSizeThanTheMaximumGivesItsOwnOutput()
    {
        var gpu = VulkanTests.Gpu;
        var checkpoint = TestFrames.X2;
        var large = new FrameSize(72, 56);
        using var network = NetworkRuns.Create(gpu, checkpoint, large, form, seed: 9);
        // The large frame first, so the smaller one would show any value its borders failed to clear.
        NetworkRuns.Output(gpu, network, NetworkRuns.Pixels(TestFrames.Mosaic(large, 2)), large, strength: 1.0);
        var small = new FrameSize(41, 30);
        var pixels = NetworkRuns.Pixels(TestFrames.Mosaic(small, 3));
        double difference = NetworkRuns.MaxAbsDifference(NetworkRuns.Output(gpu, network, pixels, small, strength: 1.0), NetworkRuns.Reference(checkpoint, pixels, small, 9, 1.0));
        TestContext.Out.WriteLine($"41x30 in a 72x56 context: max abs difference {difference:E2}");
        Assert.That(difference, Is.LessThanOrEqualTo(Float32Bound));
    }

    [Test]
    public void BgraFramesAreReadInTheirChannelOrder()
    {
        var gpu = VulkanTests.Gpu;
        var render = new FrameSize(30, 22);
        var image = TestFrames.Mosaic(render, 5);
        using var network = NetworkRuns.Create(gpu, TestFrames.X2, render, form, seed: 1);
        var fromBgra = NetworkRuns.Output(gpu, network, NetworkRuns.Pixels(image, ChannelOrder.Bgra), render, strength: 1.0, ChannelOrder.Bgra);
        var expected = NetworkRuns.Reference(TestFrames.X2, NetworkRuns.Pixels(image), render, 1, 1.0);
        Assert.That(NetworkRuns.MaxAbsDifference(fromBgra, expected), Is.LessThanOrEqualTo(Float32Bound));
    }
}
