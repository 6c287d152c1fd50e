namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>Where a pass's weights come from: a uniform buffer (float32 or packed float16), or constants baked into its pipeline.</summary>
internal enum WeightForm
{
    Uniform,
    UniformFloat16,
    Baked,
}
