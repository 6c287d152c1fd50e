using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Upscaling;

namespace EngineIntegration;

/// <summary>The last upscaled frame read back (packed RGBA), the description it was made with, and what ran it.</summary>
internal sealed record IntegrationResult(byte[] Pixels, FrameSize Display, UpscalerDescription Upscaling, string Backend,
    BackendKind BackendKind, string Precision, string VulkanDevice, FrameTimings LastTimings);
