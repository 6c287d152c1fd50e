using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>
/// Whether a device offers VK_KHR_cooperative_matrix with the shape the convolutions would use (16x16x16, float16
/// inputs, float16 or float32 accumulation, subgroup scope). This is the capability check of the cooperative-matrix
/// path; the path has no kernel in this build: the build's shader compiler (glslang 11) has no GL_KHR_cooperative_matrix,
/// so a device that offers the extension still runs the plain float16/float32 passes, and says so. Unverified on any
/// device: no machine of this project has the extension.
/// </summary>
internal static unsafe class CooperativeMatrixSupport
{
    public const string Extension = "VK_KHR_cooperative_matrix";

    /// <summary>Why the cooperative-matrix path does not run here (every device, in this build).</summary>
    public const string KernelMissing = "this build has no cooperative-matrix kernel (its glslang lacks GL_KHR_cooperative_matrix)";

    /// <summary>The 16x16x16 float16 configurations the device lists, or an empty list with the reason.</summary>
    public static (IReadOnlyList<CooperativeMatrixPropertiesKHR> Shapes, string Reason) Query(VulkanDevice device)
    {
        if (!device.Physical.Extensions.Contains(Extension))
            return (Array.Empty<CooperativeMatrixPropertiesKHR>(), $"{device.Physical.Name} does not offer {Extension}");
        var list = (delegate* unmanaged<PhysicalDevice, uint*, CooperativeMatrixPropertiesKHR*, Result>)
            (nint)device.Vk.GetInstanceProcAddr(device.Instance.Handle, "vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR");
        if (list == null)
            return (Array.Empty<CooperativeMatrixPropertiesKHR>(), $"the Vulkan loader has no vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR");
        uint count = 0;
        list(device.Physical.Handle, &count, null).Check("vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR");
        var shapes = new CooperativeMatrixPropertiesKHR[count];
        for (int i = 0; i < shapes.Length; i++) shapes[i].SType = StructureType.CooperativeMatrixPropertiesKhr;
        fixed (CooperativeMatrixPropertiesKHR* pointer = shapes)
            if (count > 0) list(device.Physical.Handle, &count, pointer).Check("vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR");
        var usable = shapes.Take((int)count).Where(s => s is { MSize: 16, NSize: 16, KSize: 16, AType: ComponentTypeKHR.Float16Khr, BType: ComponentTypeKHR.Float16Khr }
            && s.Scope == ScopeKHR.SubgroupKhr && s.ResultType is ComponentTypeKHR.Float16Khr or ComponentTypeKHR.Float32Khr).ToList();
        return (usable, usable.Count > 0 ? $"{device.Physical.Name} offers {usable.Count} 16x16x16 float16 shape(s)" : $"{device.Physical.Name} lists no 16x16x16 float16 shape");
    }
}
