using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Runtime.Frames;

public class FrameProcessorTests
{
    private static FrameProcessor Create(Precision precision = Precision.Automatic) => FrameProcessor.Create(new UpscalerDescription
    {
        DisplaySize = new FrameSize(128, 96),
        Model = TestFrames.X2,
        Precision = precision,
        NoiseStrength = 0.3,
    }, CPU);

    [Test]
    public void APipelineIsMadeOncePerRenderSize()
    {
        using var processor = Create();
        var first = processor.NetworkFor(new FrameSize(64, 48));
        Assert.That(processor.NetworkFor(new FrameSize(64, 48)), Is.SameAs(first), "a size seen before allocates nothing");
        Assert.That(processor.NetworkFor(new FrameSize(40, 30)).RenderSize, Is.EqualTo(new FrameSize(40, 30)));
        Assert.That(processor.HostCopyFor(new FrameSize(64, 48)), Is.SameAs(processor.HostCopyFor(new FrameSize(64, 48))));
    }

    [Test]
    public void OnlyTheMostRecentlyUsedRenderSizesAreKept()
    {
        using var processor = Create();
        var kept = processor.NetworkFor(new FrameSize(64, 48));
        var evicted = processor.NetworkFor(new FrameSize(60, 40));
        for (int i = 0; i < FrameProcessor.MaxRenderSizes - 1; i++)
        {
            processor.NetworkFor(new FrameSize(50 - i, 30));
            processor.NetworkFor(new FrameSize(64, 48));
        }
        Assert.That(processor.NetworkFor(new FrameSize(64, 48)), Is.SameAs(kept));
        Assert.Throws<ObjectDisposedException>(() => evicted.Execute(), "the least recently used network was released");
    }

    [Test]
    public void RenderSizesAboveTheMaximumAreRefused()
    {
        using var processor = Create();
        Assert.That(processor.MaxRenderSize, Is.EqualTo(new FrameSize(64, 48)));
        Assert.Throws<InvalidDispatchException>(() => processor.NetworkFor(new FrameSize(65, 48)));
    }

    [Test]
    public void HalfPrecisionFallsBackToFloat32OnTheCpu()
    {
        using var processor = Create(Precision.Float16);
        Assert.That(processor.DataType, Is.EqualTo(ScalarType.Float32));
    }
}
