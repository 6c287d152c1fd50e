using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Runtime.Frames;

/// <summary>
/// A frame network's noise changes between frames without rebuilding anything: the strength rescales the seed's window
/// in place, a new seed makes one window, and the frame that follows is the one a fresh network with that noise makes.
/// </summary>
public class FrameNoiseTests
{
    private static readonly FrameSize Render = new(48, 32);
    private static readonly FrameSize Display = new(96, 64);

    [TestCase(0.3)]
    [TestCase(0.77)]
    [TestCase(0.0)]
    public void TheScaledWindowIsTheNoiseFieldsForThatStrength(double strength)
    {
        var shape = new long[] { 1, 12, 16, 24 };
        using var noise = new FrameNoise(new NoiseSetting(6, 1.0), shape, CPU, ScalarType.Float32);
        var tensor = noise.Scaled;
        noise.Apply(new NoiseSetting(6, strength));
        using var field = new NoiseField(6, strength);
        using var expected = field.Window(shape, 0, 0, CPU, ScalarType.Float32) ?? zeros(shape);
        Assert.That(Tensors.BitEqual(noise.Scaled, expected), Is.True, "strength * eps as the field defines it, bit for bit");
        Assert.That(ReferenceEquals(noise.Scaled, tensor), Is.True, "rescaled in place: the compiled function's argument stays valid");
        Assert.That(noise.WindowsMade, Is.EqualTo(1), "a strength change makes no window");
        noise.Apply(new NoiseSetting(7, strength));
        Assert.That(noise.WindowsMade, Is.EqualTo(2), "a seed change makes one");
    }

    private static byte[] Run(FrameNetwork network, byte[] frame)
    {
        using (var pixels = HostTensors.From(frame, Render.Height, Render.Width, 4)) network.Input.copy_(pixels);
        network.Execute();
        return network.Output.data<byte>().ToArray();
    }

    private static byte[] Fresh(NoiseAwareOneStepModel model, NoiseSetting noise, byte[] frame, int? tileSide)
    {
        using var network = new FrameNetwork(model, noise, Render, Display, tileSide);
        return Run(network, frame);
    }

    [TestCase(null, TestName = "ChangingTheNoiseBetweenFramesGivesAFreshPipelinesBytes")]
    [TestCase(32, TestName = "ChangingTheNoiseBetweenTiledFramesGivesAFreshPipelinesBytes")]
    public void ChangingTheNoiseBetweenFramesGivesAFreshPipelinesBytes(int? tileSide)
    {
        using var model = TestFrames.X2.CreateModel();
        model.Network.eval();
        var frame = TestFrames.Pixels(TestFrames.Mosaic(Render, 3));
        using var network = new FrameNetwork(model, new NoiseSetting(2, 1.0), Render, Display, tileSide);
        Assert.That(network.IsTiled, Is.EqualTo(tileSide is not null));
        var first = Run(network, frame);
        foreach (var noise in new[] { new NoiseSetting(2, 0.3), new NoiseSetting(2, 0.0), new NoiseSetting(2, 0.77), new NoiseSetting(9, 0.77), new NoiseSetting(2, 1.0) })
        {
            network.Noise = noise;
            var changed = Run(network, frame);
            Assert.That(changed, Is.EqualTo(Fresh(model, noise, frame, tileSide)), $"{noise}: as a network made with it");
            Assert.That(changed, noise == new NoiseSetting(2, 1.0) ? Is.EqualTo(first) : Is.Not.EqualTo(first), $"{noise} takes effect");
        }
        if (tileSide is null) Assert.That(network.NoiseWindowsMade, Is.EqualTo(3), "one window at creation, one per seed change (9, then 2 again)");
    }

    [Test]
    public void AStrengthChangeAllocatesNoTensorAndAStrengthOutsideTheUnitIntervalIsRefused()
    {
        using var model = TestFrames.X2.CreateModel();
        using var network = new FrameNetwork(model, new NoiseSetting(0, 1.0), Render, Display);
        network.Noise = new NoiseSetting(0, 0.4);
        network.Noise = new NoiseSetting(0, 0.6);
        long tensors = TorchSharp.DisposeScopeManager.Statistics.CreatedOutsideScopeCount;
        network.Noise = new NoiseSetting(0, 0.4);
        network.Noise = new NoiseSetting(0, 0.6);
        Assert.That(TorchSharp.DisposeScopeManager.Statistics.CreatedOutsideScopeCount - tensors, Is.Zero, "scaled in place");
        Assert.Throws<GdpoRealtime.Runtime.Errors.InvalidSettingException>(() => network.Noise = new NoiseSetting(0, 1.5));
        Assert.That(network.Noise, Is.EqualTo(new NoiseSetting(0, 0.6)), "a refused setting changes nothing");
    }
}
