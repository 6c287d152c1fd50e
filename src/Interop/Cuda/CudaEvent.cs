namespace GdpoRealtime.Interop.Cuda;

/// <summary>A CUDA event with timing, recorded on the legacy stream: how the interop path measures its GPU steps without waiting for them.</summary>
public sealed class CudaEvent : IDisposable
{
    private readonly CudaDevice device;
    private nint handle;

    public CudaEvent(CudaDevice device)
    {
        this.device = device;
        device.MakeCurrent();
        CudaDriver.EventCreate(out handle, 0).Check("cuEventCreate");
    }

    /// <summary>Queues the event after the work already on the legacy stream.</summary>
    public void Record()
    {
        ObjectDisposedException.ThrowIf(handle == 0, this);
        CudaDriver.EventRecord(handle, CudaDriver.LegacyStream).Check("cuEventRecord");
    }

    /// <summary>Whether the work before the event's last record has finished.</summary>
    public bool IsComplete
    {
        get
        {
            ObjectDisposedException.ThrowIf(handle == 0, this);
            var result = CudaDriver.EventQuery(handle);
            if (result == CudaResult.NotReady) return false;
            result.Check("cuEventQuery");
            return true;
        }
    }

    public void Synchronize()
    {
        ObjectDisposedException.ThrowIf(handle == 0, this);
        CudaDriver.EventSynchronize(handle).Check("cuEventSynchronize");
    }

    /// <summary>Milliseconds between two completed events (about 0.5 microsecond resolution).</summary>
    public static double ElapsedMilliseconds(CudaEvent start, CudaEvent end)
    {
        CudaDriver.EventElapsedTime(out float milliseconds, start.handle, end.handle).Check("cuEventElapsedTime");
        return milliseconds;
    }

    public void Dispose()
    {
        if (handle == 0) return;
        device.MakeCurrent();
        var result = CudaDriver.EventDestroy(handle);
        handle = 0;
        result.Check("cuEventDestroy_v2");
    }
}
