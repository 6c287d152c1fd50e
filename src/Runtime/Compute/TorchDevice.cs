using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Compute;

/// <summary>The libtorch device the network runs on, and why it was chosen (logged once by <see cref="TorchDevices.Select"/>).</summary>
public sealed record TorchDevice(Device Device, string Reason)
{
    public bool IsCuda => Device.type == TorchSharp.DeviceType.CUDA;

    public override string ToString() => $"{(IsCuda ? $"CUDA device {Device.index}" : "CPU")} ({Reason})";
}
