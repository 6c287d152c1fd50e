using GdpoRealtime.Interop.Cuda;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Upscaling;
using Microsoft.Extensions.Logging;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends;

/// <summary>The real machine and the engine's device, as <see cref="CudaInteropReadiness"/> asks about them.</summary>
internal sealed class CudaInteropEnvironment(VulkanDevice device, UpscalerDescription upscaling, ILogger logger) : ICudaInteropEnvironment
{
    public string DeviceName => device.Physical.Name;
    public uint InstanceApiVersion => device.Instance.ApiVersion;
    public uint DeviceApiVersion => device.Physical.ApiVersion;
    public IReadOnlySet<string> OfferedDeviceExtensions => device.Physical.Extensions;
    public IReadOnlyList<string> EnabledDeviceExtensions => device.EnabledExtensions;
    public bool TimelineSemaphoreEnabled => device.TimelineSemaphoreEnabled;

    public bool CanExportBuffers() =>
        ExternalSupport.Buffer(device.Instance, device.Physical.Handle, BufferUsageFlags.TransferSrcBit | BufferUsageFlags.TransferDstBit).Exportable;

    public bool CanExportTimelineSemaphores() => ExternalSupport.TimelineSemaphoreExportable(device.Instance, device.Physical.Handle);

    public byte[] DeviceUuid() => ExternalSupport.DeviceUuid(device.Instance, device.Physical.Handle);

    public (bool Available, string Reason) CudaDriver() => CudaDevice.Probe();

    public IReadOnlyList<CudaDeviceInfo> CudaDevices() => CudaDevice.List();

    public (bool Available, string Reason) CudaLibtorch()
    {
        if (upscaling.Device == DevicePreference.Cpu)
            return (false, "the description asks for the network on the CPU (Device = Cpu)");
        try
        {
            var selected = TorchDevices.Select(DevicePreference.Cuda, upscaling.TorchLibraryDirectory, logger);
            return (true, $"network on {selected}");
        }
        catch (ComputeSetupException e)
        {
            return (false, e.Cause);
        }
    }
}
