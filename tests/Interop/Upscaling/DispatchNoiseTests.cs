using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Rendering.Vulkan;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using Silk.NET.Vulkan;

using static GdpoRealtime.Tests.Interop.Upscaling.BackendUnderTest;

namespace GdpoRealtime.Tests.Interop.Upscaling;

/// <summary>
/// The noise strength and seed as per-dispatch values on every backend that runs here: a changed value gives the bytes
/// of a context created with it, and the context makes nothing for it (no Vulkan object, no memory, no new context).
/// </summary>
[TestFixtureSource(typeof(BackendUnderTest), nameof(BackendUnderTest.Names))]
public class DispatchNoiseTests(string backendName)
{
    private static readonly FrameSize Display = new(128, 96);
    private static readonly FrameSize Render = new(64, 48);

    private VulkanUpscaler Create(GpuContext gpu, double noise, long seed = 11) =>
        BackendUnderTest.Create(gpu, backendName, Display, Render, noise, seed);



    [Test]
    public void AStrengthChangeBetweenDispatchesGivesAFreshContextsBytesAndCreatesNothing()
    {
        var gpu = VulkanTests.Gpu;
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(TestFrames.Image(Render, which: 2)));
        byte[] Fresh(double strength)
        {
            using var fresh = Create(gpu, noise: strength);
            fresh.Dispatch(Frame(input, output));
            fresh.WaitIdle();
            return Read(gpu, output);
        }
        var expected = new[] { 1.0, 0.3, 0.0, 0.77 }.ToDictionary(s => s, Fresh);

        using var upscaler = Create(gpu, noise: 1.0);
        upscaler.Dispatch(Frame(input, output));
        upscaler.WaitIdle();
        long objects = BackendUnderTest.ObjectsMade(upscaler);
        foreach (double strength in new[] { 0.3, 0.0, 0.77, 1.0, 0.3 })
        {
            upscaler.Dispatch(Frame(input, output, strength: strength));
            upscaler.WaitIdle();
            Assert.That(Read(gpu, output), Is.EqualTo(expected[strength]), $"strength {strength}: a fresh context's bytes");
        }
        Assert.That(BackendUnderTest.ObjectsMade(upscaler), Is.EqualTo(objects), "no Vulkan object or memory for a new strength");
        Assert.That(upscaler.DispatchCount, Is.EqualTo(6), "one context throughout");
        Assert.That(expected[0.3], Is.Not.EqualTo(expected[1.0]), "the strength takes effect");
    }

    [Test]
    public void ASeedChangeGivesAFreshContextsBytesAndTheDispatchesAfterItKeepIt()
    {
        var gpu = VulkanTests.Gpu;
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(TestFrames.Mosaic(Render, 5)));
        byte[] expected;
        using (var fresh = Create(gpu, noise: 0.6, seed: 23))
        {
            fresh.Dispatch(Frame(input, output));
            fresh.WaitIdle();
            expected = Read(gpu, output);
        }

        using var upscaler = Create(gpu, noise: 1.0, seed: 11);
        upscaler.Dispatch(Frame(input, output));
        upscaler.WaitIdle();
        var own = Read(gpu, output);
        upscaler.Dispatch(Frame(input, output, strength: 0.6, seed: 23));
        upscaler.WaitIdle();
        Assert.That(Read(gpu, output), Is.EqualTo(expected), "seed 23 at 0.6: a fresh context's bytes");
        upscaler.Dispatch(Frame(input, output));
        upscaler.WaitIdle();
        Assert.That(Read(gpu, output), Is.EqualTo(own), "null: the context's own seed and strength again");
    }

    [Test]
    public void AStrengthOutsideZeroToOneIsRefusedBeforeAnythingRuns()
    {
        var gpu = VulkanTests.Gpu;
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        using var upscaler = Create(gpu, noise: 0.5);
        foreach (double strength in new[] { -0.1, 1.5, double.NaN })
        {
            var error = Assert.Throws<InvalidDispatchException>(() => upscaler.Dispatch(Frame(input, output, strength: strength)))!;
            Assert.That(error.Message, Does.Contain("noise strength").IgnoreCase);
        }
        Assert.That(upscaler.DispatchCount, Is.Zero);
    }
}
