using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>Arithmetic precision of the network. Half precision runs on CUDA only; the CPU always uses Float32.</summary>
public enum Precision
{
    /// <summary>Float16 on CUDA, Float32 on the CPU.</summary>
    Automatic,
    Float32,
    Float16,
}

public static class Precisions
{
    public static ScalarType ScalarTypeFor(Precision precision, bool cuda) => precision switch
    {
        Precision.Float16 when cuda => ScalarType.Float16,
        Precision.Automatic when cuda => ScalarType.Float16,
        _ => ScalarType.Float32,
    };
}
