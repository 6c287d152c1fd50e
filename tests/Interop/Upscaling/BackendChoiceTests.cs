using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Upscaling;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Tests.Interop.Upscaling;

/// <summary>How a Vulkan context picks its backend, and what it says when the one asked for cannot run.</summary>
public class BackendChoiceTests
{
    private static readonly FrameSize Display = new(128, 96);
    private static readonly FrameSize Render = new(64, 48);

    private static VulkanUpscaler Create(GpuContext gpu, BackendPreference backend = BackendPreference.HostStaging) =>
        VulkanUpscalerBackendTests.Create(gpu, backend);

    private static void Dispatch(VulkanUpscaler upscaler, GpuImage input, GpuImage output)
    {
        upscaler.Dispatch(new VulkanDispatchDescription
        {
            Input = VulkanFrames.Describe(input),
            Output = VulkanFrames.Describe(output),
            OutputFinalLayout = ImageLayout.ShaderReadOnlyOptimal,
        });
        output.Layout = ImageLayout.ShaderReadOnlyOptimal;
    }

    [Test]
    public void TheAutomaticChoiceIsExplained()
    {
        var gpu = VulkanTests.Gpu;
        using var upscaler = Create(gpu, BackendPreference.Auto);
        TestContext.Out.WriteLine($"backend: {upscaler.Backend.Describe()}");
        if (!gpu.Device.Physical.Extensions.Contains("VK_KHR_external_semaphore_fd"))
        {
            Assert.That(upscaler.Backend.Kind, Is.EqualTo(BackendKind.VulkanCompute), "without CUDA interop, the compute shaders come next");
            Assert.That(upscaler.Backend.Describe(), Does.Contain("CUDA interop unavailable").And.Contain("VK_KHR_external_semaphore_fd"));
            Assert.That(upscaler.NetworkPrecision, Is.EqualTo("float32"), "a CPU device gets float32 automatically");
            Assert.That(upscaler.NetworkDevice, Does.Contain(gpu.Device.Physical.Name).And.Contain("float32"));
        }
        else Assert.That(upscaler.Backend.Describe(), Does.Contain(BackendNames.Of(upscaler.Backend.Kind)));
    }

    [Test]
    public void ForcingCudaInteropWithoutItsExtensionsNamesThemAndLeavesTheDeviceUsable()
    {
        var gpu = VulkanTests.Gpu;
        if (gpu.Device.Physical.Extensions.Contains("VK_KHR_external_semaphore_fd"))
            Assert.Ignore($"{gpu.Device.Physical.Name} offers the interop extensions; the missing-extension case needs a device without them (lavapipe)");
        var error = Assert.Throws<BackendUnavailableException>(() => Create(gpu, BackendPreference.CudaInterop))!;
        Assert.That(error.Message, Does.Contain("CUDA interop backend was asked for").And.Contain("VK_KHR_external_semaphore_fd"));
        Assert.That(error.Fix, Does.Contain("host-staging"));
        Assert.That(Create(gpu, BackendPreference.VulkanCompute).Backend.Kind, Is.EqualTo(BackendKind.VulkanCompute), "forcing vulkan-compute works on lavapipe");
        using var input = VulkanFrames.Image(gpu, Render, Format.R8G8B8A8Srgb, VulkanFrames.InputUsage);
        using var output = VulkanFrames.Image(gpu, Display, Format.R8G8B8A8Srgb, VulkanFrames.OutputUsage);
        using var upscaler = Create(gpu);
        VulkanFrames.Upload(gpu, input, TestFrames.Pixels(TestFrames.Image(Render)));
        Assert.DoesNotThrow(() => Dispatch(upscaler, input, output), "the device still works");
    }

    [Test]
    public void TheRequirementsListWhatCudaInteropNeeds()
    {
        var requirements = VulkanUpscaler.Requirements();
        TestContext.Out.WriteLine($"device extensions: {string.Join(", ", requirements.DeviceExtensions)}; CUDA interop here: {requirements.CudaInteropSupported} ({requirements.CudaInteropReason})");
        string memory = OperatingSystem.IsWindows() ? "VK_KHR_external_memory_win32" : "VK_KHR_external_memory_fd";
        string semaphore = OperatingSystem.IsWindows() ? "VK_KHR_external_semaphore_win32" : "VK_KHR_external_semaphore_fd";
        Assert.That(requirements.DeviceExtensions, Is.SupersetOf(new[] { "VK_KHR_external_memory", memory, "VK_KHR_external_semaphore", semaphore, "VK_KHR_timeline_semaphore" }));
        Assert.That(requirements.InstanceExtensions, Does.Contain("VK_KHR_external_memory_capabilities").And.Contain("VK_KHR_external_semaphore_capabilities"));
        Assert.That(requirements.DeviceFeatures, Has.Some.Contains("timelineSemaphore"));
        Assert.That(requirements.MinimumApiVersion, Is.EqualTo((uint)Vk.Version12));
        Assert.That(requirements.CudaInteropReason, Is.Not.Empty);
        var (driver, _) = GdpoRealtime.Interop.Cuda.CudaDevice.Probe();
        if (!driver) Assert.That(requirements.CudaInteropSupported, Is.False, "no CUDA driver, no CUDA interop");
    }
}
