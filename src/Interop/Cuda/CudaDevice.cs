using System.Text;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Backends;

namespace GdpoRealtime.Interop.Cuda;

/// <summary>One CUDA device as the driver lists it: ordinal (also its index in PyTorch/TorchSharp), UUID and name.</summary>
public sealed record CudaDeviceInfo(int Ordinal, byte[] Uuid, string Name)
{
    public string UuidText => ExternalSupport.FormatUuid(Uuid);

    public override string ToString() => $"{Name} (CUDA {Ordinal}, GPU-{UuidText})";
}

/// <summary>
/// The CUDA device that is the same GPU as a Vulkan physical device (matched by device UUID), with its primary
/// context retained: the context PyTorch's runtime uses too, so device pointers are shared with TorchSharp's tensors.
/// CUDA contexts are current per thread: callers make it current (<see cref="MakeCurrent"/>) on the thread that
/// issues driver calls.
/// </summary>
public sealed unsafe class CudaDevice : IDisposable
{
    private readonly int handle;
    private readonly nint context;
    private bool disposed;

    private CudaDevice(CudaDeviceInfo info, int handle, nint context)
    {
        Info = info;
        this.handle = handle;
        this.context = context;
    }

    public CudaDeviceInfo Info { get; }

    /// <summary>The ordinal: also the index of this GPU in TorchSharp (torch.CUDA device index), as both count devices the same way.</summary>
    public int Ordinal => Info.Ordinal;

    public string Name => Info.Name;

    /// <summary>Whether the CUDA driver can be used at all here, and why not when it cannot.</summary>
    public static (bool Available, string Reason) Probe()
    {
        NativeLibraries.EnsureResolver();
        try
        {
            var result = CudaDriver.Init(0);
            if (result != CudaResult.Success)
                return (false, result == CudaResult.NoDevice ? "the CUDA driver sees no GPU" : $"cuInit failed with {CudaErrors.NameOf(result)}");
            CudaDriver.DriverGetVersion(out int version).Check("cuDriverGetVersion");
            CudaDriver.DeviceGetCount(out int count).Check("cuDeviceGetCount");
            return count > 0
                ? (true, $"CUDA driver {version / 1000}.{version % 1000 / 10} with {count} device(s)")
                : (false, "the CUDA driver sees no GPU");
        }
        catch (DllNotFoundException)
        {
            return (false, $"the CUDA driver library ({string.Join(" or ", NativeLibraries.FileNames(NativeLibraries.Cuda))}) is not installed");
        }
        catch (EntryPointNotFoundException e)
        {
            return (false, $"the CUDA driver is too old ({e.Message.Split('\n')[0].Trim()})");
        }
        catch (CudaException e)
        {
            return (false, e.Cause);
        }
    }

    /// <summary>The CUDA devices with their UUIDs; throws when the driver cannot be used.</summary>
    public static IReadOnlyList<CudaDeviceInfo> List()
    {
        var (available, reason) = Probe();
        if (!available)
            throw new BackendUnavailableException($"CUDA is not available: {reason}", "Install the NVIDIA driver, or use the host-staging backend.");
        CudaDriver.DeviceGetCount(out int count).Check("cuDeviceGetCount");
        var devices = new List<CudaDeviceInfo>();
        byte* name = stackalloc byte[256];
        byte* uuid = stackalloc byte[16];
        for (int i = 0; i < count; i++)
        {
            CudaDriver.DeviceGet(out int device, i).Check("cuDeviceGet");
            CudaDriver.DeviceGetUuid(uuid, device).Check("cuDeviceGetUuid_v2");
            CudaDriver.DeviceGetName(name, 256, device).Check("cuDeviceGetName");
            devices.Add(new CudaDeviceInfo(i, new ReadOnlySpan<byte>(uuid, 16).ToArray(), Encoding.UTF8.GetString(name, IndexOfNul(name, 256))));
        }
        return devices;
    }

    /// <summary>The CUDA device whose UUID equals the Vulkan device's (VkPhysicalDeviceIDProperties.deviceUUID), or null.</summary>
    public static CudaDeviceInfo? FindMatching(ReadOnlySpan<byte> vulkanDeviceUuid, IReadOnlyList<CudaDeviceInfo> devices)
    {
        foreach (var device in devices)
            if (vulkanDeviceUuid.SequenceEqual(device.Uuid)) return device;
        return null;
    }

    /// <summary>Opens the CUDA device whose UUID equals the Vulkan device's, retaining its primary context and making it current.</summary>
    public static CudaDevice OpenMatching(ReadOnlySpan<byte> vulkanDeviceUuid, string vulkanDeviceName)
    {
        if (vulkanDeviceUuid.Length != 16) throw new ArgumentException("A device UUID has 16 bytes.", nameof(vulkanDeviceUuid));
        var devices = List();
        var match = FindMatching(vulkanDeviceUuid, devices)
            ?? throw new BackendUnavailableException(
                $"No CUDA device is the Vulkan device {vulkanDeviceName} (UUID {ExternalSupport.FormatUuid(vulkanDeviceUuid)}); CUDA sees {string.Join(", ", devices.Select(d => d.ToString()).DefaultIfEmpty("no device"))}",
                "Create the Vulkan device on an NVIDIA GPU that CUDA can see (check CUDA_VISIBLE_DEVICES), or use the host-staging backend.");
        return Open(match);
    }

    /// <summary>Retains the primary context of a listed device and makes it current on the calling thread.</summary>
    public static CudaDevice Open(CudaDeviceInfo info)
    {
        CudaDriver.DeviceGet(out int device, info.Ordinal).Check("cuDeviceGet");
        CudaDriver.DevicePrimaryCtxRetain(out nint context, device).Check("cuDevicePrimaryCtxRetain");
        var opened = new CudaDevice(info, device, context);
        try
        {
            opened.MakeCurrent();
            return opened;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    /// <summary>Makes this device's primary context current on the calling thread (CUDA contexts are per thread).</summary>
    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        CudaDriver.CtxSetCurrent(context).Check("cuCtxSetCurrent");
    }

    /// <summary>Free and total device memory in bytes (cuMemGetInfo).</summary>
    public (ulong Free, ulong Total) MemoryInfo()
    {
        MakeCurrent();
        CudaDriver.MemGetInfo(out nuint free, out nuint total).Check("cuMemGetInfo_v2");
        return (free, total);
    }

    /// <summary>Waits for all work queued on the legacy default stream (the network's and the interop copies).</summary>
    public void SynchronizeStream()
    {
        MakeCurrent();
        CudaDriver.StreamSynchronize(CudaDriver.LegacyStream).Check("cuStreamSynchronize");
    }

    private static int IndexOfNul(byte* text, int length)
    {
        for (int i = 0; i < length; i++) if (text[i] == 0) return i;
        return length;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        CudaDriver.DevicePrimaryCtxRelease(handle).Check("cuDevicePrimaryCtxRelease_v2");
    }
}
