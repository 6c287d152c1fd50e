using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Runtime.Model;
using GdpoRealtime.Tests.Support;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Runtime.Frames;

/// <summary>The compiled frame function against the eager path it mirrors, byte for byte.</summary>
public class FrameScriptTests
{
    private static void FillRandom(FrameNetwork network, int seed)
    {
        manual_seed(seed);
        using var pixels = randint(0, 256, network.Input.shape, dtype: ScalarType.Byte);
        network.Input.copy_(pixels);
    }

    private static void AssertCompiledEqualsEager(NoiseAwareOneStepModel model, double noise, FrameSize render, FrameSize display)
    {
        using var network = new FrameNetwork(model, new NoiseSetting(5, noise), render, display);
        Assert.That(network.IsCompiled, Is.True, network.CompileError);
        FillRandom(network, 8);
        foreach (var (input, output) in new[] { (ChannelOrder.Rgba, ChannelOrder.Rgba), (ChannelOrder.Bgra, ChannelOrder.Rgba), (ChannelOrder.Rgba, ChannelOrder.Bgra), (ChannelOrder.Bgra, ChannelOrder.Bgra) })
        {
            network.ExecuteEager(input, output);
            using var eager = network.Output.clone();
            network.Output.narrow(2, 0, 3).zero_(); // alpha stays as the network keeps it
            network.Execute(input, output);
            Assert.That(Tensors.BitEqual(network.Output, eager), Is.True, $"{input} -> {output}");
        }
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    public void CompiledFrameEqualsTheEagerPathOnTheBuiltInModel(double noise)
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        AssertCompiledEqualsEager(model, noise, new FrameSize(40, 24), new FrameSize(80, 48));
    }

    [Test]
    public void CompiledFrameEqualsTheEagerPathWhenResamplingToTheDisplay()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        AssertCompiledEqualsEager(model, 0.5, new FrameSize(40, 24), new FrameSize(60, 36)); // x2 model, 1.5 ratio: area
        AssertCompiledEqualsEager(model, 0.5, new FrameSize(40, 24), new FrameSize(120, 72)); // x2 model, 3 ratio: bicubic
    }

    [Test]
    public void CompiledFrameEqualsTheEagerPathForAFractionalScaleWithPadding()
    {
        using var model = new NoiseAwareOneStepModel(ModelArchitecture.For(new ScaleFactor(3, 2), channels: 8, residualBlocks: 2));
        NoiseAwareOneStepModelTests.RandomiseTail(model);
        AssertCompiledEqualsEager(model, 1.0, new FrameSize(33, 21), new FrameSize(49, 31));
    }

    [Test]
    public void ACompiledFrameLeavesAlmostNoManagedGarbage()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        using var network = new FrameNetwork(model, new NoiseSetting(1, 1), new FrameSize(32, 16), new FrameSize(64, 32));
        for (int i = 0; i < 5; i++) network.Execute();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++) network.Execute();
        long perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / 50;
        TestContext.Out.WriteLine($"managed bytes per compiled frame: {perFrame}");
        Assert.That(perFrame, Is.LessThan(1024), "one call into libtorch per frame, not one wrapper per operation");
    }
}
