using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Interop.Backends;
using GdpoRealtime.Interop.Cuda;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GdpoRealtime.Tests.Interop.Gpu;

/// <summary>
/// The GPU tests' gate: the shared Vulkan device must be an NVIDIA GPU with the interop extensions, CUDA must see the
/// same GPU, and the network must be able to run on CUDA. Anywhere else the test is reported skipped with the exact
/// reason (the same check the upscaler makes), never passed.
/// </summary>
internal static class CudaInteropMachine
{
    public static (GpuContext Gpu, CudaDeviceInfo Cuda) Require()
    {
        var gpu = VulkanTests.Gpu;
        var environment = new CudaInteropEnvironment(gpu.Device, new UpscalerDescription { DisplaySize = new FrameSize(64, 64) }, NullLogger.Instance);
        var assessment = CudaInteropReadiness.Evaluate(environment);
        if (!assessment.Candidate.IsAvailable)
            Assert.Ignore($"GPU test (needs an NVIDIA GPU and a CUDA libtorch: see README, 'With an NVIDIA GPU'): CUDA interop is unavailable here: {assessment.Candidate.Reason}");
        TestContext.Out.WriteLine($"Vulkan {gpu.Device.Physical} = {assessment.CudaDevice}");
        return (gpu, assessment.CudaDevice!);
    }

    public static VulkanDevice Device => VulkanTests.Gpu.Device;
}
