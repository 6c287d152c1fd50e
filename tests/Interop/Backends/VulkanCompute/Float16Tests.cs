using GdpoRealtime.Interop.Backends.VulkanCompute;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Interop.Backends.VulkanCompute;

/// <summary>
/// The float16 passes (activations stored as RGBA16F, multiply-accumulate in float16, z and the output float32) against
/// the TorchSharp CPU model in float32. The bound: <see cref="Float16Bound"/> on the unclipped output in [0, 1], under
/// one and a half 8-bit levels (measured on lavapipe, which has shaderFloat16: 1.7e-3 at most, 1.2e-4 on average).
/// </summary>
public class Float16Tests
{
    /// <summary>Max abs difference of the float16 output from the float32 CPU model.</summary>
    public const double Float16Bound = 5e-3;

    [TestCase(64, 48, 1.0)]
    [TestCase(37, 23, 0.0)]
    public void Float16OutputIsWithinItsBoundOfTheCpuModel(int width, int height, double strength)
    {
        var gpu = VulkanTests.Gpu;
        if (!gpu.Device.ShaderFloat16Enabled)
            Assert.Ignore($"{gpu.Device.Physical.Name} has no shaderFloat16: the float16 passes cannot run here");
        var render = new FrameSize(width, height);
        var pixels = NetworkRuns.Pixels(TestFrames.Mosaic(render, offset: 7));
        using var network = NetworkRuns.Create(gpu, TestFrames.X2, render, WeightForm.UniformFloat16, seed: 4);
        var actual = NetworkRuns.Output(gpu, network, pixels, render, strength);
        var expected = NetworkRuns.Reference(TestFrames.X2, pixels, render, seed: 4, strength);
        double difference = NetworkRuns.MaxAbsDifference(actual, expected);
        double mean = actual.Zip(expected, (a, b) => Math.Abs((double)a - b)).Average();
        TestContext.Out.WriteLine($"built-in x2, {render}, noise {strength}: float16 max abs difference {difference:E2}, mean {mean:E2}");
        Assert.That(difference, Is.LessThanOrEqualTo(Float16Bound));
        Assert.That(difference, Is.GreaterThan(0), "the float16 passes ran (float16 rounding shows)");
    }
}
