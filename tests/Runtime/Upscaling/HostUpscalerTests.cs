using System.Numerics;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Runtime.Upscaling;

/// <summary>The host-memory upscaler: the device-neutral context every engine without Vulkan (and every test) can use.</summary>
public class HostUpscalerTests
{
    private static readonly FrameSize Display = new(128, 96);
    private static readonly FrameSize Render = new(64, 48);

    private static HostUpscaler Create(double noise = 0.5, long seed = 7) => HostUpscaler.Create(new UpscalerDescription
    {
        DisplaySize = Display,
        QualityMode = QualityMode.Performance,
        Model = TestFrames.X2,
        NoiseStrength = noise,
        NoiseSeed = seed,
        Device = DevicePreference.Cpu,
    });

    private static void Dispatch(HostUpscaler upscaler, byte[] input, byte[] output, FrameSize? render = null,
        PixelFormat inputFormat = PixelFormat.Rgba8Srgb, PixelFormat outputFormat = PixelFormat.Rgba8Srgb, int inputPitch = 0, int outputPitch = 0) =>
        upscaler.Dispatch(new HostDispatchDescription
        {
            Input = input,
            InputFormat = inputFormat,
            RenderSize = render ?? Render,
            InputRowPitchBytes = inputPitch,
            Output = output,
            OutputFormat = outputFormat,
            OutputRowPitchBytes = outputPitch,
        });

    [Test]
    public void OutputEqualsTheCpuModelsOnTheSameFrame()
    {
        using var upscaler = Create();
        Assert.That(upscaler.MaxRenderSize, Is.EqualTo(Render), "Performance mode renders at half the display size");
        Assert.That(upscaler.Backend.Kind, Is.EqualTo(BackendKind.HostMemory));
        var frame = TestFrames.Image(Render);
        var output = new byte[Display.Pixels * 4];
        Dispatch(upscaler, TestFrames.Pixels(frame), output);
        var expected = TestFrames.CpuReference(frame, seed: 7, strength: 0.5);
        Assert.That(TestFrames.ToImage(output, Display).Pixels, Is.EqualTo(expected.Pixels), "the same network, noise and rounding");
        Assert.That(Enumerable.Range(0, (int)Display.Pixels).All(i => output[4 * i + 3] == 255), Is.True, "alpha is opaque");
        Assert.That(upscaler.LastTimings.NetworkMilliseconds, Is.GreaterThan(0));
        Assert.That(upscaler.DispatchCount, Is.EqualTo(1));
    }

    [Test]
    public void BgraFramesWithPaddedRowsKeepTheirColours()
    {
        using var upscaler = Create();
        var frame = TestFrames.Image(Render, which: 2);
        int inputPitch = Render.Width * 4 + 12, outputPitch = Display.Width * 4 + 64;
        var output = new byte[outputPitch * Display.Height];
        Array.Fill(output, (byte)0xCD);
        Dispatch(upscaler, TestFrames.Pixels(frame, ChannelOrder.Bgra, inputPitch), output,
            inputFormat: PixelFormat.Bgra8Unorm, outputFormat: PixelFormat.Bgra8Srgb, inputPitch: inputPitch, outputPitch: outputPitch);
        var expected = TestFrames.CpuReference(frame, seed: 7, strength: 0.5);
        Assert.That(TestFrames.ToImage(output, Display, ChannelOrder.Bgra, outputPitch).Pixels, Is.EqualTo(expected.Pixels));
        Assert.That(output.AsSpan(Display.Width * 4, 64).ToArray().All(b => b == 0xCD), Is.True, "row padding is left alone");
    }

    [Test]
    public void ALowerRenderSizeIsUpscaledToTheDisplaySize()
    {
        using var upscaler = Create(noise: 0);
        var small = new FrameSize(48, 36);
        var frame = TestFrames.Image(small);
        var output = new byte[Display.Pixels * 4];
        Dispatch(upscaler, TestFrames.Pixels(frame), output, render: small);
        var image = TestFrames.ToImage(output, Display);
        var twice = TestFrames.CpuReference(frame, seed: 7, strength: 0);
        // The model makes 96x72; the display wants 128x96, so the result is enlarged: it must still look like the frame.
        var reference = Bicubic(twice, Display);
        TestContext.Out.WriteLine($"dynamic resolution 48x36 -> 128x96: {ImageStatistics.Psnr(image, reference):F1} dB against the enlarged reference");
        Assert.That(ImageStatistics.Psnr(image, reference), Is.GreaterThan(30));
    }

    [Test]
    public void BadDispatchesNameTheProblemAndLeaveTheContextUsable()
    {
        using var upscaler = Create();
        var input = TestFrames.Pixels(TestFrames.Image(Render));
        var output = new byte[Display.Pixels * 4];

        var tooLarge = Assert.Throws<InvalidDispatchException>(() => Dispatch(upscaler, new byte[128 * 96 * 4], output, render: new FrameSize(128, 96)))!;
        Assert.That(tooLarge.Message, Does.Contain("128x96").And.Contain("maximum render size 64x48"));
        var shortInput = Assert.Throws<InvalidDispatchException>(() => Dispatch(upscaler, input.AsSpan(0, 100).ToArray(), output))!;
        Assert.That(shortInput.Message, Does.Contain("input holds 100 bytes"));
        var shortOutput = Assert.Throws<InvalidDispatchException>(() => Dispatch(upscaler, input, new byte[64]))!;
        Assert.That(shortOutput.Message, Does.Contain("output holds 64 bytes"));
        var format = Assert.Throws<InvalidDispatchException>(() => Dispatch(upscaler, input, output, inputFormat: (PixelFormat)42))!;
        Assert.That(format.Message, Does.Contain("input pixel format 42"));
        var pitch = Assert.Throws<InvalidDispatchException>(() => Dispatch(upscaler, input, output, inputPitch: 10))!;
        Assert.That(pitch.Message, Does.Contain("row pitch of 10 bytes"));
        var jitter = Assert.Throws<InvalidDispatchException>(() => upscaler.Dispatch(new HostDispatchDescription
        {
            Input = input, InputFormat = PixelFormat.Rgba8Srgb, RenderSize = Render, Output = output, OutputFormat = PixelFormat.Rgba8Srgb,
            JitterOffsetPixels = new Vector2(0.75f, 0),
        }))!;
        Assert.That(jitter.Message, Does.Contain("Jitter"));

        Assert.DoesNotThrow(() => Dispatch(upscaler, input, output), "the context still works after refusing bad frames");
        Assert.That(upscaler.DispatchCount, Is.EqualTo(1), "refused frames are not counted");
    }

    [Test]
    public void ADispatchsOwnNoiseGivesWhatAContextCreatedWithItGives()
    {
        using var upscaler = Create(noise: 0.5, seed: 7);
        var input = TestFrames.Pixels(TestFrames.Image(Render, which: 3));
        byte[] Run(HostUpscaler context, double? strength = null, long? seed = null)
        {
            var output = new byte[Display.Pixels * 4];
            context.Dispatch(new HostDispatchDescription
            {
                Input = input, InputFormat = PixelFormat.Rgba8Srgb, RenderSize = Render, Output = output, OutputFormat = PixelFormat.Rgba8Srgb,
                NoiseStrength = strength, NoiseSeed = seed,
            });
            return output;
        }
        byte[] Fresh(double strength, long seed)
        {
            using var fresh = Create(strength, seed);
            return Run(fresh);
        }
        var own = Run(upscaler);
        foreach (var (strength, seed) in new (double?, long?)[] { (0.3, null), (0.0, null), (0.9, 12), (null, 12), (1.0, null) })
        {
            var changed = Run(upscaler, strength, seed);
            Assert.That(changed, Is.EqualTo(Fresh(strength ?? 0.5, seed ?? 7)), $"strength {strength}, seed {seed}: bit for bit a fresh context's");
            Assert.That(changed, Is.Not.EqualTo(own), $"strength {strength}, seed {seed} takes effect");
        }
        Assert.That(Run(upscaler), Is.EqualTo(own), "null goes back to the context's noise");

        var error = Assert.Throws<InvalidDispatchException>(() => Run(upscaler, strength: -0.2))!;
        Assert.That(error.Message, Does.Contain("noise strength -0.2").And.Contain("NoiseStrength in [0, 1]"));
        Assert.That(Run(upscaler), Is.EqualTo(own), "a refused strength leaves the context as it was");
    }

    [Test]
    public void DispatchAfterDisposeNamesTheContext()
    {
        var upscaler = Create();
        upscaler.Dispose();
        Assert.DoesNotThrow(upscaler.Dispose, "disposing twice is harmless");
        var error = Assert.Throws<ObjectDisposedException>(() => Dispatch(upscaler, new byte[Render.Pixels * 4], new byte[Display.Pixels * 4]))!;
        Assert.That(error.Message, Does.Contain("HostUpscaler").And.Contain("disposed"));
    }

    [TestCase(200, 100, "larger than the display size")]
    [TestCase(4, 4, "below the 8x8 minimum")]
    public void ImpossibleRenderSizesAreRefusedAtCreation(int width, int height, string reason)
    {
        var error = Assert.Throws<InvalidSettingException>(() => HostUpscaler.Create(new UpscalerDescription
        {
            DisplaySize = Display, MaxRenderSize = new FrameSize(width, height), Model = TestFrames.X2, Device = DevicePreference.Cpu,
        }))!;
        Assert.That(error.Message, Does.Contain(reason));
    }

    [Test]
    public void NoiseOutsideItsRangeIsRefusedAtCreation()
    {
        var error = Assert.Throws<InvalidSettingException>(() => HostUpscaler.Create(new UpscalerDescription
        {
            DisplaySize = Display, NoiseStrength = 1.5, Model = TestFrames.X2, Device = DevicePreference.Cpu,
        }))!;
        Assert.That(error.Message, Does.Contain("Noise strength 1.5"));
    }

    [Test]
    public void ManagedAllocationsPerDispatchAreSmallAndDoNotGrow()
    {
        using var upscaler = Create();
        var input = TestFrames.Pixels(TestFrames.Image(Render));
        var output = new byte[Display.Pixels * 4];
        for (int i = 0; i < 5; i++) Dispatch(upscaler, input, output);
        long first = Measure(upscaler, input, output, 20), second = Measure(upscaler, input, output, 20);
        TestContext.Out.WriteLine($"managed bytes per dispatch after warm-up: {first} then {second} (TorchSharp's tensor wrappers; no tensors, buffers or arrays are allocated per frame)");
        Assert.That(first, Is.LessThan(32 * 1024), "only TorchSharp's per-operation wrappers, not frame-sized buffers");
        Assert.That(second, Is.LessThanOrEqualTo(first + 512), "flat: nothing accumulates from frame to frame");
    }

    private static GdpoRealtime.Runtime.Imaging.RgbImage Bicubic(GdpoRealtime.Runtime.Imaging.RgbImage image, FrameSize size)
    {
        using var tensor = GdpoRealtime.Runtime.Imaging.ImageTensors.ToTensor(image);
        using var resized = GdpoRealtime.Runtime.Model.Resampling.Bicubic(tensor, size.Height, size.Width);
        return GdpoRealtime.Runtime.Imaging.ImageTensors.ToImage(resized);
    }

    private static long Measure(HostUpscaler upscaler, byte[] input, byte[] output, int frames)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < frames; i++) Dispatch(upscaler, input, output);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / frames;
    }
}
