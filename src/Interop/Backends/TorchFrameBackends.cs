using GdpoRealtime.Interop.Cuda;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Upscaling;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// The backends whose network runs through libtorch (CUDA interop, host staging, and the interop protocol with a
/// substitute for CUDA in tests). Kept apart from <see cref="Upscaling.VulkanUpscaler"/> so that a context on the
/// vulkan-compute backend never touches a TorchSharp type, and so never loads libtorch.
/// </summary>
internal static class TorchFrameBackends
{
    /// <summary>The backend, what owns its network (disposed after the backend), and where the network runs.</summary>
    public sealed record Created(IVulkanFrameBackend Backend, IDisposable Network, string NetworkDevice, string Precision);

    public static Created Create(BackendKind kind, VulkanDevice device, UpscalerDescription upscaling, CudaDeviceInfo? cudaInfo,
        Func<ICudaInteropCompute>? substitute, ILogger logger)
    {
        CudaDevice? cuda = null;
        FrameProcessor? processor = null;
        try
        {
            IVulkanFrameBackend backend;
            if (kind == BackendKind.CudaInterop && substitute is null)
            {
                cuda = CudaDevice.Open(cudaInfo!);
                processor = FrameProcessor.Create(upscaling, new TorchSharp.torch.Device(TorchSharp.DeviceType.CUDA, cuda.Ordinal));
                processor.WarmUp(processor.MaxRenderSize);
                backend = new CudaInteropBackend(device, processor, new CudaInteropCompute(cuda, CudaInteropBackend.Slots));
            }
            else
            {
                var compute = TorchDevices.Select(upscaling.Device, upscaling.TorchLibraryDirectory, logger);
                processor = FrameProcessor.Create(upscaling, compute.Device);
                processor.HostCopyFor(processor.MaxRenderSize);
                processor.WarmUp(processor.MaxRenderSize);
                backend = kind == BackendKind.CudaInterop
                    ? new CudaInteropBackend(device, processor, substitute!())
                    : new HostStagingBackend(device, processor);
            }
            string precision = processor.DataType.ToString().ToLowerInvariant();
            string networkDevice = $"{(processor.IsCuda ? $"CUDA device {processor.Device.index}" : "CPU")} ({precision})";
            return new Created(backend, new Owner(processor, cuda), networkDevice, precision);
        }
        catch
        {
            processor?.Dispose();
            cuda?.Dispose();
            throw;
        }
    }

    private sealed class Owner(FrameProcessor processor, CudaDevice? cuda) : IDisposable
    {
        public void Dispose()
        {
            try { processor.Dispose(); }
            finally { cuda?.Dispose(); }
        }
    }
}
