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
    /// <summary>Parses "auto", "float32" (or "fp32") and "float16" (or "fp16").</summary>
    public static Precision Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" or "automatic" => Precision.Automatic,
        "float32" or "fp32" => Precision.Float32,
        "float16" or "fp16" or "half" => Precision.Float16,
        _ => throw new Errors.InvalidSettingException($"'{text}' is not a precision", "Use auto, float32 or float16."),
    };

    public static ScalarType ScalarTypeFor(Precision precision, bool cuda) => precision switch
    {
        Precision.Float16 when cuda => ScalarType.Float16,
        Precision.Automatic when cuda => ScalarType.Float16,
        _ => ScalarType.Float32,
    };
}
