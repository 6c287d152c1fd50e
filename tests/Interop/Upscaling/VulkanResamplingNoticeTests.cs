using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Interop.Upscaling;

/// <summary>The Vulkan upscaler says, like the host one, when its quality mode makes it resample the model's output.</summary>
public class VulkanResamplingNoticeTests
{
    [TestCase(QualityMode.Balanced, "Render 56x56 -> display 96x96 is x1.71, not the model's x2")]
    [TestCase(QualityMode.Performance, null)]
    public void CreationLogsTheResamplingOfOtherQualityModes(QualityMode mode, string? expected)
    {
        var logger = new RecordingLogger();
        using var upscaler = VulkanUpscaler.Create(new VulkanUpscalerDescription
        {
            Vulkan = VulkanDeviceHandles.From(VulkanTests.Gpu.Device),
            Backend = BackendPreference.VulkanCompute,
            Upscaling = new UpscalerDescription { DisplaySize = new FrameSize(96, 96), QualityMode = mode, Model = TestFrames.X2, Logger = logger },
        });
        var notices = logger.Lines.Where(l => l.Contains("not the model's", StringComparison.Ordinal)).ToList();
        if (expected is null) Assert.That(notices, Is.Empty);
        else Assert.That(notices, Has.One.Contains(expected));
    }
}
