using GdpoRealtime.Runtime.Model.Portable;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>
/// Lays a convolution out the way the passes read it: vectors of four output channels, first one bias vector per
/// output group, then for each input channel and tap one vector per output group ([input][tap][output group]), so the
/// inner loop of a pass walks the block in order. Channels are padded to multiples of four with zeros.
/// </summary>
internal static class WeightPacking
{
    /// <summary>Groups of four channels that hold <paramref name="channels"/>.</summary>
    public static int Groups(int channels) => (channels + 3) / 4;

    /// <summary>The 4-float vectors of one convolution's block.</summary>
    public static int Vectors(PortableConvolution convolution) =>
        Groups(convolution.OutChannels) * (1 + Groups(convolution.InChannels) * 4 * PortableConvolution.KernelTaps);

    /// <summary>The block as floats, weights multiplied by <paramref name="weightScale"/> (biases are not).</summary>
    public static float[] Pack(PortableConvolution convolution, float weightScale = 1f)
    {
        int outGroups = Groups(convolution.OutChannels), inPadded = Groups(convolution.InChannels) * 4;
        var packed = new float[Vectors(convolution) * 4];
        for (int o = 0; o < convolution.OutChannels; o++) packed[o] = convolution.Bias[o];
        int start = outGroups * 4;
        for (int input = 0; input < inPadded; input++)
            for (int tap = 0; tap < PortableConvolution.KernelTaps; tap++)
                for (int output = 0; output < outGroups * 4; output++)
                {
                    bool real = input < convolution.InChannels && output < convolution.OutChannels;
                    int at = start + ((input * PortableConvolution.KernelTaps + tap) * outGroups) * 4 + output;
                    packed[at] = real ? convolution.Weight(output, input, tap) * weightScale : 0f;
                }
        return packed;
    }

    /// <summary>The block's bytes in the pass's precision: float32, or float16 halves in order (the shader reads them as packed pairs).</summary>
    public static byte[] Bytes(float[] packed, bool float16)
    {
        if (!float16)
        {
            var bytes = new byte[packed.Length * 4];
            Buffer.BlockCopy(packed, 0, bytes, 0, bytes.Length);
            return bytes;
        }
        var halves = new byte[packed.Length * 2];
        for (int i = 0; i < packed.Length; i++)
            BitConverter.TryWriteBytes(halves.AsSpan(i * 2), BitConverter.HalfToUInt16Bits((Half)packed[i]));
        return halves;
    }
}
