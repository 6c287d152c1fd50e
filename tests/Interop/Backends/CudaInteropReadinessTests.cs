using GdpoRealtime.Interop.Backends;
using GdpoRealtime.Interop.Cuda;
using GdpoRealtime.Runtime.Backends;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Tests.Interop.Backends;

/// <summary>Each reason the CUDA-interop backend can be unavailable, on a described machine (no GPU needed to check the reasoning).</summary>
public class CudaInteropReadinessTests
{
    private static readonly byte[] GpuUuid = Enumerable.Range(0x10, 16).Select(i => (byte)i).ToArray();
    private static readonly string[] AllExtensions = GdpoRealtime.Interop.Vulkan.External.ExternalHandles.DeviceExtensions.ToArray();

    private sealed record Machine : ICudaInteropEnvironment
    {
        public string DeviceName { get; init; } = "NVIDIA H100";
        public uint InstanceApiVersion { get; init; } = Vk.Version13;
        public uint DeviceApiVersion { get; init; } = Vk.Version13;
        public IReadOnlySet<string> OfferedDeviceExtensions { get; init; } = AllExtensions.ToHashSet();
        public IReadOnlyList<string> EnabledDeviceExtensions { get; init; } = AllExtensions;
        public bool TimelineSemaphoreEnabled { get; init; } = true;
        public bool BuffersExportable { get; init; } = true;
        public bool SemaphoresExportable { get; init; } = true;
        public (bool, string) Driver { get; init; } = (true, "CUDA driver 13.0 with 1 device(s)");
        public IReadOnlyList<CudaDeviceInfo> Devices { get; init; } = new[] { new CudaDeviceInfo(0, GpuUuid, "NVIDIA H100") };
        public (bool, string) Libtorch { get; init; } = (true, "network on CUDA device 0");
        public bool CudaTouched { get; private set; }

        public bool CanExportBuffers() => BuffersExportable;
        public bool CanExportTimelineSemaphores() => SemaphoresExportable;
        public byte[] DeviceUuid() => GpuUuid;

        public (bool Available, string Reason) CudaDriver()
        {
            CudaTouched = true;
            return Driver;
        }

        public IReadOnlyList<CudaDeviceInfo> CudaDevices() => Devices;
        public (bool Available, string Reason) CudaLibtorch() => Libtorch;
    }

    private static BackendCandidate Evaluate(Machine machine) => CudaInteropReadiness.Evaluate(machine).Candidate;

    [Test]
    public void AMachineWithEverythingGetsInteropOnTheMatchingCudaDevice()
    {
        var machine = new Machine { Devices = new[] { new CudaDeviceInfo(0, new byte[16], "other GPU"), new CudaDeviceInfo(1, GpuUuid, "NVIDIA H100") } };
        var assessment = CudaInteropReadiness.Evaluate(machine);
        Assert.That(assessment.Candidate.IsAvailable, Is.True, assessment.Candidate.Reason);
        Assert.That(assessment.CudaDevice!.Ordinal, Is.EqualTo(1), "matched by UUID, not by order");
        Assert.That(assessment.Candidate.Reason, Does.Contain("CUDA device 1"));
    }

    [Test]
    public void ADriverWithoutTheExtensionsIsNamedBeforeCudaIsTouched()
    {
        var machine = new Machine
        {
            DeviceName = "llvmpipe",
            OfferedDeviceExtensions = AllExtensions.Where(e => e != "VK_KHR_external_semaphore_fd" && e != "VK_KHR_external_semaphore_win32").ToHashSet(),
        };
        var candidate = Evaluate(machine);
        Assert.That(candidate.IsAvailable, Is.False);
        Assert.That(candidate.Reason, Does.Contain("llvmpipe does not offer").And.Contain("external_semaphore"));
        Assert.That(machine.CudaTouched, Is.False, "cheap Vulkan checks come first");
    }

    [Test]
    public void ExtensionsLeftOutAtDeviceCreationAreListedWithTheFix()
    {
        var candidate = Evaluate(new Machine { EnabledDeviceExtensions = new[] { "VK_KHR_swapchain" } });
        Assert.That(candidate.Reason, Does.Contain("created without").And.Contain("VK_KHR_external_memory").And.Contain("VK_KHR_external_semaphore"));
        Assert.That(candidate.Fix, Does.Contain("Requirements"));
    }

    [Test]
    public void TheTimelineFeatureMustBeEnabled()
    {
        var candidate = Evaluate(new Machine { TimelineSemaphoreEnabled = false });
        Assert.That(candidate.Reason, Does.Contain("timelineSemaphore"));
    }

    [Test]
    public void AVulkan11InstanceIsNotEnough()
    {
        var candidate = Evaluate(new Machine { InstanceApiVersion = Vk.Version11 });
        Assert.That(candidate.Reason, Does.Contain("Vulkan 1.1").And.Contain("1.2"));
        Assert.That(candidate.Fix, Does.Contain("apiVersion"));
    }

    [Test]
    public void ExportSupportIsChecked()
    {
        Assert.That(Evaluate(new Machine { BuffersExportable = false }).Reason, Does.Contain("cannot export buffer memory"));
        Assert.That(Evaluate(new Machine { SemaphoresExportable = false }).Reason, Does.Contain("cannot export timeline semaphores"));
    }

    [Test]
    public void AMissingCudaDriverIsNamed()
    {
        var candidate = Evaluate(new Machine { Driver = (false, "the CUDA driver library (libcuda.so.1) is not installed") });
        Assert.That(candidate.Reason, Does.Contain("libcuda.so.1"));
        Assert.That(candidate.Fix, Does.Contain("NVIDIA driver"));
    }

    [Test]
    public void NoCudaDeviceMatchingTheVulkanDeviceNamesBothSides()
    {
        var candidate = Evaluate(new Machine { Devices = new[] { new CudaDeviceInfo(0, new byte[16], "NVIDIA A10") } });
        Assert.That(candidate.IsAvailable, Is.False);
        Assert.That(candidate.Reason, Does.Contain("no CUDA device is the Vulkan device NVIDIA H100")
            .And.Contain("10111213-1415-1617-1819-1a1b1c1d1e1f").And.Contain("NVIDIA A10"));
        Assert.That(candidate.Fix, Does.Contain("CUDA_VISIBLE_DEVICES"));
    }

    [Test]
    public void ANetworkThatCannotRunOnCudaIsNamed()
    {
        var candidate = Evaluate(new Machine { Libtorch = (false, "no CUDA libtorch: TORCH_LIB_DIR is not set") });
        Assert.That(candidate.Reason, Does.Contain("TORCH_LIB_DIR"));
    }
}
