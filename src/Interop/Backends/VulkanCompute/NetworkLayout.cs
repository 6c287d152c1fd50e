using System.Numerics;
using System.Runtime.InteropServices;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>
/// The C# side of shaders/network/include/network_layout.h: tile size, binding numbers and the push-constant block of
/// every network pass. Tests read the compiled SPIR-V and check these against it.
/// </summary>
internal static class NetworkLayout
{
    public const int Tile = 8;
    public const int WeightVectors = 4096;
    public const int WeightBlockBytes = WeightVectors * 16;

    public const uint HeadFrame = 0, HeadNoise = 1, HeadWeights = 2, HeadFeatures = 3, HeadLatent = 4;
    public const uint ConvSource = 0, ConvWeights = 1, ConvTarget = 2, ConvResidual0 = 3, ConvResidual1 = 4;
    public const uint TailSource = 0, TailWeights = 1, TailLatent = 2, TailPixels = 3, TailImage = 4;
    public const uint ResampleImage = 0, ResamplePixels = 1;

    public const int OutputPixels = 0, OutputImage = 1;
}

/// <summary>NetworkPush of network_layout.h (std430: six 16-byte vectors).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NetworkPush
{
    /// <summary>x, y: latent grid width and height; z: texels between activation planes.</summary>
    public Int4 Grid;

    /// <summary>x, y: render width and height; z, w: padded to a multiple of q.</summary>
    public Int4 Frame;

    /// <summary>x, y: model output width and height; z, w: display width and height.</summary>
    public Int4 Sizes;

    /// <summary>x: output mode; y: input BGRA; z: output BGRA; w: shrink by area.</summary>
    public Int4 Options;

    /// <summary>x: columns of a noise plane; y: values between noise planes.</summary>
    public Int4 Noise;

    /// <summary>x: sqrt(abar[t_add]); y: sqrt(1 - abar[t_add]).</summary>
    public Vector4 Schedule;

    public static uint Size => (uint)Marshal.SizeOf<NetworkPush>();
}

/// <summary>A GLSL ivec4.</summary>
[StructLayout(LayoutKind.Sequential)]
internal record struct Int4(int X, int Y, int Z, int W);
