using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Backends;
using GdpoRealtime.Runtime.Model.Portable;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>What the vulkan-compute backend decided for a device: usable or not (with the reason), and the precision.</summary>
internal sealed record ComputeAssessment(BackendCandidate Candidate, bool Float16, string PrecisionReason);

/// <summary>
/// Checks that a device can run the network's passes at the context's sizes (texel-buffer formats, uniform range,
/// texel count, shared memory, push constants) and chooses the precision: float16 when asked for, or automatically on
/// a GPU whose device was created with shaderFloat16; float32 otherwise. CPU implementations (lavapipe, SwiftShader)
/// get float32 automatically: they emulate half arithmetic through conversions, which is slower than float32 there.
/// </summary>
internal static unsafe class ComputeCapabilities
{
    private const string Name = "vulkan-compute";

    public static ComputeAssessment Assess(VulkanDevice device, PortableNetwork network, FrameSize maxRender, FrameSize display, Precision precision)
    {
        var (float16, precisionReason, precisionProblem) = ChoosePrecision(device, precision);
        if (precisionProblem is not null)
            return new ComputeAssessment(BackendCandidate.Unavailable(BackendKind.VulkanCompute, precisionProblem.Value.Cause, precisionProblem.Value.Fix), false, precisionReason);
        var problem = Missing(device, network, maxRender, display, float16);
        var candidate = problem is null
            ? BackendCandidate.Available(BackendKind.VulkanCompute, $"the network runs as compute shaders on {device.Physical.Name} ({(float16 ? "float16" : "float32")})")
            : BackendCandidate.Unavailable(BackendKind.VulkanCompute, problem.Value.Cause, problem.Value.Fix);
        return new ComputeAssessment(candidate, float16, precisionReason);
    }

    private static (bool Float16, string Reason, (string Cause, string Fix)? Problem) ChoosePrecision(VulkanDevice device, Precision precision)
    {
        bool enabled = device.ShaderFloat16Enabled;
        switch (precision)
        {
            case Precision.Float32:
                return (false, "float32 asked for", null);
            case Precision.Float16 when enabled:
                return (true, "float16 asked for", null);
            case Precision.Float16:
                return (false, "float16 asked for", ($"float16 was asked for, but the device {device.Physical.Name} was created without shaderFloat16",
                    "Enable VkPhysicalDeviceVulkan12Features.shaderFloat16 when creating the device and set VulkanDeviceHandles.ShaderFloat16Enabled, or ask for Precision.Float32."));
            default:
                if (!enabled) return (false, "automatic: the device was created without shaderFloat16", null);
                if (device.Physical.IsCpu) return (false, "automatic: a CPU device emulates float16 arithmetic, so float32 is faster", null);
                return (true, "automatic: the device has shaderFloat16", null);
        }
    }

    private static (string Cause, string Fix)? Missing(VulkanDevice device, PortableNetwork network, FrameSize maxRender, FrameSize display, bool float16)
    {
        var limits = device.Physical.Limits;
        var activation = float16 ? Format.R16G16B16A16Sfloat : Format.R32G32B32A32Sfloat;
        var formats = new (Format Format, FormatFeatureFlags Needed)[]
        {
            (Format.R8G8B8A8Unorm, FormatFeatureFlags.UniformTexelBufferBit),
            (Format.R32Sfloat, FormatFeatureFlags.UniformTexelBufferBit | FormatFeatureFlags.StorageTexelBufferBit),
            (Format.R32Uint, FormatFeatureFlags.StorageTexelBufferBit),
            (Format.R32G32B32A32Sfloat, FormatFeatureFlags.UniformTexelBufferBit | FormatFeatureFlags.StorageTexelBufferBit),
            (activation, FormatFeatureFlags.UniformTexelBufferBit | FormatFeatureFlags.StorageTexelBufferBit),
        };
        foreach (var (format, needed) in formats)
        {
            device.Vk.GetPhysicalDeviceFormatProperties(device.Physical.Handle, format, out var properties);
            if ((properties.BufferFeatures & needed) != needed)
                return ($"the device {device.Physical.Name} cannot use {format} texel buffers as the network's passes do (it offers {properties.BufferFeatures})",
                    "Use another device (GDPO_VULKAN_DEVICE) or the host-staging backend.");
        }

        int bytesPerVector = float16 ? 8 : 16;
        int largest = network.Convolutions.Max(WeightPacking.Vectors);
        if (largest > NetworkLayout.WeightVectors || (ulong)largest * (ulong)bytesPerVector > limits.MaxUniformBufferRange)
            return ($"the network's largest convolution needs {largest * bytesPerVector} bytes of uniform buffer; the device {device.Physical.Name} binds at most {limits.MaxUniformBufferRange} (and the passes hold {NetworkLayout.WeightBlockBytes})",
                "Use a model with fewer channels, float16, or the host-staging backend.");

        var geometry = NetworkGeometry.For(network.Scale, maxRender, display);
        long planes = Math.Max(WeightPacking.Groups(network.Architecture.Channels), WeightPacking.Groups(network.Scale.LatentChannels));
        long texels = Math.Max(planes * geometry.PlaneTexels, Math.Max(3L * geometry.ModelOutput.Pixels, (long)network.Scale.LatentChannels * geometry.Grid.Pixels));
        texels = Math.Max(texels, display.Pixels);
        if (texels > limits.MaxTexelBufferElements)
            return ($"a {maxRender} frame needs texel buffers of {texels:N0} texels; the device {device.Physical.Name} allows {limits.MaxTexelBufferElements:N0}",
                "Render at a smaller size, or use the host-staging backend.");

        int inputGroups = WeightPacking.Groups(network.Scale.LatentChannels + network.Scale.ConditionChannels);
        long shared = (long)inputGroups * (NetworkLayout.Tile + 2) * (NetworkLayout.Tile + 2) * bytesPerVector;
        if (shared > limits.MaxComputeSharedMemorySize || limits.MaxComputeWorkGroupInvocations < NetworkLayout.Tile * NetworkLayout.Tile)
            return ($"the head pass needs {shared} bytes of shared memory and {NetworkLayout.Tile * NetworkLayout.Tile} invocations a workgroup; the device {device.Physical.Name} offers {limits.MaxComputeSharedMemorySize} and {limits.MaxComputeWorkGroupInvocations}",
                "Use another device or the host-staging backend.");
        if (limits.MaxPushConstantsSize < NetworkPush.Size)
            return ($"the passes need {NetworkPush.Size} bytes of push constants; the device {device.Physical.Name} offers {limits.MaxPushConstantsSize}",
                "Use another device or the host-staging backend.");
        long groups = (Math.Max(display.Width, geometry.Grid.Width) + NetworkLayout.Tile - 1) / NetworkLayout.Tile;
        if (groups > limits.MaxComputeWorkGroupCount[0] || groups > limits.MaxComputeWorkGroupCount[1])
            return ($"a {display} output needs {groups} workgroups a row; the device {device.Physical.Name} dispatches at most {limits.MaxComputeWorkGroupCount[0]}",
                "Use a smaller display size or the host-staging backend.");
        return null;
    }
}
