using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Tests.Runtime.Frames;

public class FrameNetworkTests
{
    private static RgbImage Frame() => TestImages.Load(TestImages.GameTextures[1]).Crop(0, 0, 64, 48);

    private static void Fill(FrameNetwork network, RgbImage image)
    {
        using var rgb = HostTensors.From(image.Pixels, image.Height, image.Width, 3);
        network.Input.narrow(2, 0, 3).copy_(rgb);
    }

    private static RgbImage Read(FrameNetwork network)
    {
        using var rgb = network.Output.narrow(2, 0, 3).contiguous();
        return new RgbImage((int)rgb.shape[1], (int)rgb.shape[0], rgb.data<byte>().ToArray());
    }

    [Test]
    public void OutputEqualsImageInferenceOnTheSameFrame()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        using var noise = new NoiseField(3, 0.7);
        using var network = new FrameNetwork(model, new NoiseSetting(noise.Seed, noise.Strength), new FrameSize(64, 48), new FrameSize(128, 96));
        var frame = Frame();
        Fill(network, frame);
        network.Execute();
        var expected = new ImageInference(model, noise).Upscale(frame);
        Assert.That(Read(network).Pixels, Is.EqualTo(expected.Pixels));
        Assert.That(network.Output.narrow(2, 3, 1).min().item<byte>(), Is.EqualTo(255), "alpha is opaque");
    }

    [Test]
    public void DisplaySizeOtherThanTheModelScaleIsResampled()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        var noise = new NoiseSetting(0, 0);
        var display = new FrameSize(96, 72); // ratio 1.5 with an x2 model
        using var network = new FrameNetwork(model, noise, new FrameSize(64, 48), display);
        Fill(network, Frame());
        network.Execute();
        Assert.That(network.Output.shape, Is.EqualTo(new long[] { 72, 96, 4 }));
        Assert.That(network.Output.to(ScalarType.Float32).std().item<float>(), Is.GreaterThan(10f), "a real picture, not a blank");
    }

    [Test]
    public void RepeatedFramesGiveTheSameOutput()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        var noise = new NoiseSetting(9, 1);
        using var network = new FrameNetwork(model, noise, new FrameSize(64, 48), new FrameSize(128, 96));
        Fill(network, Frame());
        network.Execute();
        using var first = network.Output.clone();
        network.Execute();
        Assert.That(Tensors.BitEqual(first, network.Output), Is.True, "the noise field is fixed: no flicker");
    }

    [Test]
    public void DisplaySmallerThanRenderIsRefused()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        var noise = new NoiseSetting(0, 0);
        Assert.Throws<InvalidSettingException>(() => new FrameNetwork(model, noise, new FrameSize(64, 48), new FrameSize(32, 24)));
    }

    [Test]
    public void BgraInputAndOutputAreSwizzledOnTheDevice()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        using var noise = new NoiseField(3, 0.7);
        using var network = new FrameNetwork(model, new NoiseSetting(noise.Seed, noise.Strength), new FrameSize(64, 48), new FrameSize(128, 96));
        var frame = Frame();
        using (var bgr = HostTensors.From(frame.Pixels, frame.Height, frame.Width, 3).flip(2))
            network.Input.narrow(2, 0, 3).copy_(bgr);
        network.Execute(ChannelOrder.Bgra, ChannelOrder.Bgra);
        var expected = new ImageInference(model, noise).Upscale(frame);
        using var rgb = network.Output.narrow(2, 0, 3).flip(2).contiguous();
        Assert.That(rgb.data<byte>().ToArray(), Is.EqualTo(expected.Pixels));
    }

    [Test]
    public unsafe void TheAddressesAreThoseOfTheTensorsFirstBytes()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        var noise = new NoiseSetting(0, 0);
        using var network = new FrameNetwork(model, noise, new FrameSize(16, 8), new FrameSize(32, 16));
        ((byte*)network.InputAddress)[4 * 17 + 1] = 201;
        Assert.That(network.Input[1, 1, 1].item<byte>(), Is.EqualTo(201), "a backend writing at the address writes the tensor");
        Assert.That(network.InputBytes, Is.EqualTo(16 * 8 * 4));
        Assert.That(network.OutputBytes, Is.EqualTo(32 * 16 * 4));
        Assert.That(((byte*)network.OutputAddress)[3], Is.EqualTo(255), "the output starts opaque");
    }
}
