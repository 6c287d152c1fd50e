namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>
/// Makes a pass's SPIR-V with one layer's weights as module constants (the *_baked.comp variants): the shader source
/// holds numbered float placeholders (2^20 + i, see network_precision.h) and each is replaced by packed weight i, or 0
/// past the layer's end. Each placeholder must appear exactly once, as a 32-bit float OpConstant; anything else means
/// the module was not built from that source, and is refused.
/// </summary>
internal static class BakedWeights
{
    /// <summary>4-float vectors a baked pass holds (NETWORK_BAKED_VECTORS).</summary>
    public const int Vectors = 2312;

    private const float PlaceholderBase = 1048576f;
    private const uint OpTypeFloat = 22, OpConstant = 43;

    public static bool Fits(int vectors) => vectors <= Vectors;

    public static byte[] Patch(byte[] spirv, float[] packed, string name)
    {
        if (packed.Length > Vectors * 4)
            throw new ArgumentException($"The {name} layer has {packed.Length} weights, more than a baked pass holds ({Vectors * 4}).", nameof(packed));
        var words = new uint[spirv.Length / 4];
        Buffer.BlockCopy(spirv, 0, words, 0, words.Length * 4);
        var floatTypes = new HashSet<uint>();
        var seen = new bool[Vectors * 4];
        int found = 0;
        for (int i = 5; i < words.Length;)
        {
            uint opcode = words[i] & 0xffff, count = words[i] >> 16;
            if (count == 0) break;
            if (opcode == OpTypeFloat && words[i + 2] == 32) floatTypes.Add(words[i + 1]);
            else if (opcode == OpConstant && count == 4 && floatTypes.Contains(words[i + 1]))
            {
                float value = BitConverter.UInt32BitsToSingle(words[i + 3]);
                float index = value - PlaceholderBase;
                if (index >= 0 && index < seen.Length && index == MathF.Floor(index))
                {
                    int at = (int)index;
                    if (seen[at]) throw new InvalidDataException($"The baked shader for {name} holds placeholder {at} twice; rebuild so glslc compiles shaders/network.");
                    seen[at] = true;
                    found++;
                    words[i + 3] = BitConverter.SingleToUInt32Bits(at < packed.Length ? packed[at] : 0f);
                }
            }
            i += (int)count;
        }
        if (found != seen.Length)
            throw new InvalidDataException($"The baked shader for {name} holds {found} of its {seen.Length} weight placeholders; rebuild so glslc compiles shaders/network.");
        var patched = new byte[spirv.Length];
        Buffer.BlockCopy(words, 0, patched, 0, patched.Length);
        return patched;
    }
}
