using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Runtime.Frames;

/// <summary>Large frames run in tiles through the engine path too, with the whole-frame path's result.</summary>
public class TiledFrameNetworkTests
{
    private static readonly FrameSize Render = new(100, 70);
    private static readonly FrameSize Display = new(200, 140);

    private static byte[] Run(FrameNetwork network, RgbImage frame, ChannelOrder order)
    {
        using (var pixels = HostTensors.From(TestFrames.Pixels(frame, order), frame.Height, frame.Width, 4))
            network.Input.copy_(pixels);
        network.Execute(order, order);
        return network.Output.data<byte>().ToArray();
    }

    [TestCase(ChannelOrder.Rgba)]
    [TestCase(ChannelOrder.Bgra)]
    public void TiledFramesEqualWholeFrames(ChannelOrder order)
    {
        using var model = TestFrames.X2.CreateModel();
        model.Network.eval();
        var noise = new NoiseSetting(3, 1.0);
        using var whole = new FrameNetwork(model, noise, Render, Display);
        using var tiled = new FrameNetwork(model, noise, Render, Display, tileSide: 32);
        Assert.That((whole.IsTiled, tiled.IsTiled), Is.EqualTo((false, true)));
        var frame = TestFrames.Mosaic(Render, offset: 2);
        byte[] a = Run(whole, frame, order), b = Run(tiled, frame, order);
        int differing = a.Zip(b).Count(p => p.First != p.Second);
        Assert.That(a.Zip(b).Max(p => Math.Abs(p.First - p.Second)), Is.LessThanOrEqualTo(1), "within 1e-5 before rounding");
        Assert.That(differing, Is.LessThan(a.Length / 1000), "only values on a rounding boundary may differ");
        Assert.That(Enumerable.Range(0, (int)Display.Pixels).All(i => b[4 * i + 3] == 255), Is.True, "alpha is opaque");
    }

    [Test]
    public void OnlyFramesTooLargeToRunWholeAreTiledByDefault()
    {
        using var model = TestFrames.X2.CreateModel(); // 32 channels, float32
        Assert.That(FrameNetwork.TilesFor(model, new FrameSize(1920, 1080), new FrameSize(3840, 2160), null), Is.Null, "253 MiB per activation runs whole");
        var large = FrameNetwork.TilesFor(model, new FrameSize(2560, 1440), new FrameSize(5120, 2880), null);
        Assert.That(large, Is.Not.Null, "450 MiB per activation is tiled");
        Assert.That(large!.CoreCells, Is.EqualTo(GdpoRealtime.Runtime.Tiling.TiledImageInference.DefaultTileSide));
        Assert.That(FrameNetwork.TilesFor(model, new FrameSize(2560, 1440), new FrameSize(3840, 2160), null), Is.Null,
            "a display size other than the model's output is resampled whole");
        Assert.That(FrameNetwork.TilesFor(model, new FrameSize(64, 48), new FrameSize(128, 96), 512), Is.Null, "one tile is the whole frame");
    }

    [Test]
    public void HostUpscalerWithATileSideGivesTheSameFrames()
    {
        UpscalerDescription Description(int? tile) => new()
        {
            DisplaySize = Display, MaxRenderSize = Render, Model = TestFrames.X2, NoiseStrength = 1.0, NoiseSeed = 5,
            Device = DevicePreference.Cpu, TileSide = tile,
        };
        var frame = TestFrames.Pixels(TestFrames.Mosaic(Render));
        var outputs = new List<byte[]>();
        foreach (int? tile in new int?[] { null, 48 })
        {
            using var upscaler = HostUpscaler.Create(Description(tile));
            var output = new byte[Display.Pixels * 4];
            upscaler.Dispatch(new HostDispatchDescription
            {
                Input = frame, InputFormat = PixelFormat.Rgba8Unorm, RenderSize = Render,
                Output = output, OutputFormat = PixelFormat.Rgba8Unorm,
            });
            outputs.Add(output);
        }
        Assert.That(outputs[0].Zip(outputs[1]).Max(p => Math.Abs(p.First - p.Second)), Is.LessThanOrEqualTo(1));
        Assert.Throws<InvalidSettingException>(() => Description(16).Validate());
    }
}
