using GdpoRealtime.Interop.Cuda;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Backends;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends;

/// <summary>What the CUDA-interop check needs to know about the machine and the engine's device.</summary>
internal interface ICudaInteropEnvironment
{
    string DeviceName { get; }
    uint InstanceApiVersion { get; }
    uint DeviceApiVersion { get; }
    IReadOnlySet<string> OfferedDeviceExtensions { get; }
    IReadOnlyList<string> EnabledDeviceExtensions { get; }
    bool TimelineSemaphoreEnabled { get; }
    bool CanExportBuffers();
    bool CanExportTimelineSemaphores();
    byte[] DeviceUuid();
    (bool Available, string Reason) CudaDriver();
    IReadOnlyList<CudaDeviceInfo> CudaDevices();

    /// <summary>Whether the network can run on CUDA (a CUDA libtorch loaded, or loadable now).</summary>
    (bool Available, string Reason) CudaLibtorch();
}

/// <summary>The CUDA-interop candidate, and the CUDA device it would use.</summary>
internal sealed record CudaInteropAssessment(BackendCandidate Candidate, CudaDeviceInfo? CudaDevice);

/// <summary>
/// Decides whether the CUDA-interop backend can run on the engine's device, checking the cheap things first and
/// stopping at the first that fails, with a reason and a fix an engine programmer can act on.
/// </summary>
internal static class CudaInteropReadiness
{
    private const BackendKind Kind = BackendKind.CudaInterop;
    private const string HostStagingHint = "or let the upscaler use the host-staging backend";

    public static CudaInteropAssessment Evaluate(ICudaInteropEnvironment environment)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
            return Unavailable("CUDA interop runs on Linux and Windows only", $"Use a Linux or Windows machine with an NVIDIA GPU, {HostStagingHint}.");
        if (environment.InstanceApiVersion < Vk.Version12)
            return Unavailable($"the Vulkan instance was created for Vulkan {VersionText(environment.InstanceApiVersion)}, and timeline semaphores need 1.2",
                "Create the instance with VkApplicationInfo.apiVersion 1.2 or later, and pass it as InstanceApiVersion.");
        if (environment.DeviceApiVersion < Vk.Version12)
            return Unavailable($"the Vulkan device {environment.DeviceName} supports Vulkan {VersionText(environment.DeviceApiVersion)}, and timeline semaphores need 1.2",
                $"Update the GPU driver, {HostStagingHint}.");

        // VK_KHR_timeline_semaphore is core in 1.2: the feature bit is what counts, checked below.
        var needed = ExternalHandles.DeviceExtensions.Where(e => e != ExternalHandles.TimelineSemaphore).ToList();
        var notOffered = needed.Where(e => !environment.OfferedDeviceExtensions.Contains(e)).ToList();
        if (notOffered.Count > 0)
            return Unavailable($"the Vulkan device {environment.DeviceName} does not offer {string.Join(", ", notOffered)}",
                $"Run on a GPU whose Vulkan driver shares memory and semaphores with CUDA (NVIDIA's), {HostStagingHint}.");
        var notEnabled = needed.Where(e => !environment.EnabledDeviceExtensions.Contains(e)).ToList();
        if (notEnabled.Count > 0)
            return Unavailable($"the Vulkan device was created without {string.Join(", ", notEnabled)}",
                "Enable the device extensions VulkanUpscaler.Requirements() lists when creating the device, and list them in EnabledDeviceExtensions.");
        if (!environment.TimelineSemaphoreEnabled)
            return Unavailable("the Vulkan device was created without the timelineSemaphore feature",
                "Enable VkPhysicalDeviceVulkan12Features.timelineSemaphore when creating the device, and set TimelineSemaphoreEnabled.");
        if (!environment.CanExportBuffers())
            return Unavailable($"the Vulkan device {environment.DeviceName} cannot export buffer memory as an {ExternalHandles.HandleName}",
                $"Update the GPU driver, {HostStagingHint}.");
        if (!environment.CanExportTimelineSemaphores())
            return Unavailable($"the Vulkan device {environment.DeviceName} cannot export timeline semaphores as an {ExternalHandles.HandleName}",
                $"Update the GPU driver, {HostStagingHint}.");

        var (driver, driverReason) = environment.CudaDriver();
        if (!driver)
            return Unavailable(driverReason, $"Install the NVIDIA driver (it provides the CUDA driver library), {HostStagingHint}.");
        var uuid = environment.DeviceUuid();
        var devices = environment.CudaDevices();
        var match = CudaDevice.FindMatching(uuid, devices);
        if (match is null)
            return Unavailable(
                $"no CUDA device is the Vulkan device {environment.DeviceName} (UUID {ExternalSupport.FormatUuid(uuid)}; CUDA sees {string.Join(", ", devices.Select(d => d.ToString()).DefaultIfEmpty("no device"))})",
                $"Create the Vulkan device on the NVIDIA GPU CUDA uses (check CUDA_VISIBLE_DEVICES), {HostStagingHint}.");
        var (torch, torchReason) = environment.CudaLibtorch();
        if (!torch)
            return Unavailable($"the network cannot run on CUDA: {torchReason}",
                $"Set TORCH_LIB_DIR to a CUDA libtorch directory (a PyTorch install's torch/lib), {HostStagingHint}.");
        return new CudaInteropAssessment(
            BackendCandidate.Available(Kind, $"Vulkan device {environment.DeviceName} is CUDA device {match.Ordinal}; {torchReason}"), match);
    }

    private static CudaInteropAssessment Unavailable(string reason, string fix) => new(BackendCandidate.Unavailable(Kind, reason, fix), null);

    private static string VersionText(uint version) => $"{version >> 22}.{(version >> 12) & 0x3ff}";
}
