using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Tests.Runtime.Frames;

public class FramePipelineTests
{
    private static RgbImage Frame() => TestImages.Load(TestImages.GameTextures[1]).Crop(0, 0, 64, 48);

    private static void Fill(FramePipeline pipeline, RgbImage image)
    {
        using var rgb = HostTensors.From(image.Pixels, image.Height, image.Width, 3);
        pipeline.Input.narrow(2, 0, 3).copy_(rgb);
    }

    private static RgbImage Read(FramePipeline pipeline)
    {
        using var rgb = pipeline.Output.narrow(2, 0, 3).contiguous();
        return new RgbImage((int)rgb.shape[1], (int)rgb.shape[0], rgb.data<byte>().ToArray());
    }

    [Test]
    public void OutputEqualsImageInferenceOnTheSameFrame()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        using var noise = new NoiseField(3, 0.7);
        using var pipeline = new FramePipeline(model, new NoiseSetting(noise.Seed, noise.Strength), new FrameSize(64, 48), new FrameSize(128, 96));
        var frame = Frame();
        Fill(pipeline, frame);
        pipeline.Execute();
        var expected = new ImageInference(model, noise).Upscale(frame);
        Assert.That(Read(pipeline).Pixels, Is.EqualTo(expected.Pixels));
        Assert.That(pipeline.Output.narrow(2, 3, 1).min().item<byte>(), Is.EqualTo(255), "alpha is opaque");
    }

    [Test]
    public void DisplaySizeOtherThanTheModelScaleIsResampled()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        var noise = new NoiseSetting(0, 0);
        var display = new FrameSize(96, 72); // ratio 1.5 with an x2 model
        using var pipeline = new FramePipeline(model, noise, new FrameSize(64, 48), display);
        Fill(pipeline, Frame());
        pipeline.Execute();
        Assert.That(pipeline.Output.shape, Is.EqualTo(new long[] { 72, 96, 4 }));
        Assert.That(pipeline.Output.to(ScalarType.Float32).std().item<float>(), Is.GreaterThan(10f), "a real picture, not a blank");
    }

    [Test]
    public void RepeatedFramesGiveTheSameOutput()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        var noise = new NoiseSetting(9, 1);
        using var pipeline = new FramePipeline(model, noise, new FrameSize(64, 48), new FrameSize(128, 96));
        Fill(pipeline, Frame());
        pipeline.Execute();
        using var first = pipeline.Output.clone();
        pipeline.Execute();
        Assert.That(Tensors.BitEqual(first, pipeline.Output), Is.True, "the noise field is fixed: no flicker");
    }

    [Test]
    public void DisplaySmallerThanRenderIsRefused()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        var noise = new NoiseSetting(0, 0);
        Assert.Throws<InvalidSettingException>(() => new FramePipeline(model, noise, new FrameSize(64, 48), new FrameSize(32, 24)));
    }

    [Test]
    public void BgraInputAndOutputAreSwizzledOnTheDevice()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        using var noise = new NoiseField(3, 0.7);
        using var pipeline = new FramePipeline(model, new NoiseSetting(noise.Seed, noise.Strength), new FrameSize(64, 48), new FrameSize(128, 96));
        var frame = Frame();
        using (var bgr = HostTensors.From(frame.Pixels, frame.Height, frame.Width, 3).flip(2))
            pipeline.Input.narrow(2, 0, 3).copy_(bgr);
        pipeline.Execute(ChannelOrder.Bgra, ChannelOrder.Bgra);
        var expected = new ImageInference(model, noise).Upscale(frame);
        using var rgb = pipeline.Output.narrow(2, 0, 3).flip(2).contiguous();
        Assert.That(rgb.data<byte>().ToArray(), Is.EqualTo(expected.Pixels));
    }

    [Test]
    public unsafe void TheAddressesAreThoseOfTheTensorsFirstBytes()
    {
        using var model = DefaultModels.Load(ScaleFactor.X2).CreateModel();
        var noise = new NoiseSetting(0, 0);
        using var pipeline = new FramePipeline(model, noise, new FrameSize(16, 8), new FrameSize(32, 16));
        ((byte*)pipeline.InputAddress)[4 * 17 + 1] = 201;
        Assert.That(pipeline.Input[1, 1, 1].item<byte>(), Is.EqualTo(201), "a backend writing at the address writes the tensor");
        Assert.That(pipeline.InputBytes, Is.EqualTo(16 * 8 * 4));
        Assert.That(pipeline.OutputBytes, Is.EqualTo(32 * 16 * 4));
        Assert.That(((byte*)pipeline.OutputAddress)[3], Is.EqualTo(255), "the output starts opaque");
    }
}
