using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.Compute;

/// <summary>Where the network should run.</summary>
public enum DevicePreference
{
    /// <summary>CUDA when a CUDA libtorch and a GPU are present, else the CPU.</summary>
    Auto,
    Cpu,
    Cuda,
}

public static class DevicePreferences
{
    public static DevicePreference Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => DevicePreference.Auto,
        "cpu" => DevicePreference.Cpu,
        "cuda" or "gpu" => DevicePreference.Cuda,
        _ => throw new InvalidSettingException($"'{text}' is not a device", "Use auto, cpu or cuda."),
    };
}
