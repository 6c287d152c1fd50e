using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Tests.Interop.Vulkan;

/// <summary>The Khronos validation layer every Vulkan test runs under: on, and naming the mistakes a driver would not.</summary>
public class ValidationLayerTests
{
    [Test]
    public void EveryTestInstanceRunsUnderTheLayer()
    {
        var gpu = VulkanTests.Gpu;
        Assert.That(gpu.Instance.ValidationEnabled, Is.True, $"{VulkanValidation.Variable}=1 enables {VulkanValidation.LayerName} on every instance");
        Assert.That(gpu.Instance.EnabledExtensions, Does.Contain(VulkanValidation.DebugUtilsExtension));
    }

    [Test]
    public void AnImageDescribedLargerThanItIsIsNamedInsteadOfCorruptingMemory()
    {
        var gpu = VulkanTests.Gpu;
        var actual = new FrameSize(320, 180);
        var described = new FrameSize(640, 360);
        var display = new FrameSize(1280, 720);
        using var input = VulkanFrames.Image(gpu, actual, Format.R8G8B8A8Unorm, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, display, Format.R8G8B8A8Unorm, VulkanFrames.OutputUsage);
        VulkanFrames.Upload(gpu, input, new byte[actual.Pixels * 4]);
        using var upscaler = VulkanUpscaler.Create(new VulkanUpscalerDescription
        {
            Vulkan = VulkanDeviceHandles.From(gpu.Device),
            Backend = BackendPreference.VulkanCompute,
            Upscaling = new UpscalerDescription { DisplaySize = display, MaxRenderSize = described, Model = TestFrames.X2, NoiseStrength = 0 },
        });
        // The API cannot ask Vulkan an image's size: this description passes every check of the runtime.
        upscaler.Dispatch(new VulkanDispatchDescription
        {
            Input = VulkanFrames.Describe(input) with { Size = described },
            Output = VulkanFrames.Describe(output, ImageLayout.Undefined),
            OutputFinalLayout = ImageLayout.ShaderReadOnlyOptimal,
        });
        upscaler.WaitIdle();
        var errors = VulkanValidationLog.TakeErrors();
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, errors));
        Assert.That(errors.Select(e => e.Text), Has.Some.Contains("vkCmdCopyImageToBuffer"), "the layer names the copy past the image's edge, which it then stops");
    }
}
