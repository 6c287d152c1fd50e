using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace GdpoRealtime.Interop.Vulkan.External;

/// <summary>
/// vkGetMemoryFdKHR / vkGetMemoryWin32HandleKHR and vkGetSemaphoreFdKHR / vkGetSemaphoreWin32HandleKHR, fetched from
/// the device on first use (Silk.NET's extension classes are not served). A missing function means the device was
/// created without the extension, which the exception names.
/// </summary>
public sealed unsafe class ExternalHandleExport(VulkanDevice device)
{
    private delegate* unmanaged<Device, MemoryGetFdInfoKHR*, int*, Result> getMemoryFd;
    private delegate* unmanaged<Device, MemoryGetWin32HandleInfoKHR*, nint*, Result> getMemoryWin32;
    private delegate* unmanaged<Device, SemaphoreGetFdInfoKHR*, int*, Result> getSemaphoreFd;
    private delegate* unmanaged<Device, SemaphoreGetWin32HandleInfoKHR*, nint*, Result> getSemaphoreWin32;

    /// <summary>A new OS handle to <paramref name="memory"/> (allocated with VkExportMemoryAllocateInfo for this OS's handle type); the caller owns it.</summary>
    public ExportedHandle ExportMemory(DeviceMemory memory)
    {
        if (ExternalHandles.UsesWin32Handles)
        {
            if (getMemoryWin32 == null)
                getMemoryWin32 = (delegate* unmanaged<Device, MemoryGetWin32HandleInfoKHR*, nint*, Result>)Function("vkGetMemoryWin32HandleKHR", ExternalHandles.ExternalMemoryWin32);
            var info = new MemoryGetWin32HandleInfoKHR
            {
                SType = StructureType.MemoryGetWin32HandleInfoKhr,
                Memory = memory,
                HandleType = ExternalMemoryHandleTypeFlags.OpaqueWin32Bit,
            };
            nint handle;
            getMemoryWin32(device.Handle, &info, &handle).Check("vkGetMemoryWin32HandleKHR");
            return new ExportedHandle(handle, IsFileDescriptor: false);
        }
        if (getMemoryFd == null)
            getMemoryFd = (delegate* unmanaged<Device, MemoryGetFdInfoKHR*, int*, Result>)Function("vkGetMemoryFdKHR", ExternalHandles.ExternalMemoryFd);
        var fdInfo = new MemoryGetFdInfoKHR
        {
            SType = StructureType.MemoryGetFDInfoKhr,
            Memory = memory,
            HandleType = ExternalMemoryHandleTypeFlags.OpaqueFDBit,
        };
        int fd;
        getMemoryFd(device.Handle, &fdInfo, &fd).Check("vkGetMemoryFdKHR");
        return new ExportedHandle(fd, IsFileDescriptor: true);
    }

    /// <summary>A new OS handle to <paramref name="semaphore"/> (created with VkExportSemaphoreCreateInfo for this OS's handle type); the caller owns it.</summary>
    public ExportedHandle ExportSemaphore(Semaphore semaphore)
    {
        if (ExternalHandles.UsesWin32Handles)
        {
            if (getSemaphoreWin32 == null)
                getSemaphoreWin32 = (delegate* unmanaged<Device, SemaphoreGetWin32HandleInfoKHR*, nint*, Result>)Function("vkGetSemaphoreWin32HandleKHR", ExternalHandles.ExternalSemaphoreWin32);
            var info = new SemaphoreGetWin32HandleInfoKHR
            {
                SType = StructureType.SemaphoreGetWin32HandleInfoKhr,
                Semaphore = semaphore,
                HandleType = ExternalSemaphoreHandleTypeFlags.OpaqueWin32Bit,
            };
            nint handle;
            getSemaphoreWin32(device.Handle, &info, &handle).Check("vkGetSemaphoreWin32HandleKHR");
            return new ExportedHandle(handle, IsFileDescriptor: false);
        }
        if (getSemaphoreFd == null)
            getSemaphoreFd = (delegate* unmanaged<Device, SemaphoreGetFdInfoKHR*, int*, Result>)Function("vkGetSemaphoreFdKHR", ExternalHandles.ExternalSemaphoreFd);
        var fdInfo = new SemaphoreGetFdInfoKHR
        {
            SType = StructureType.SemaphoreGetFDInfoKhr,
            Semaphore = semaphore,
            HandleType = ExternalSemaphoreHandleTypeFlags.OpaqueFDBit,
        };
        int fd;
        getSemaphoreFd(device.Handle, &fdInfo, &fd).Check("vkGetSemaphoreFdKHR");
        return new ExportedHandle(fd, IsFileDescriptor: true);
    }

    private nint Function(string name, string extension)
    {
        if (!device.EnabledExtensions.Contains(extension))
            throw new VulkanUnavailableException($"{name} needs {extension}, which the Vulkan device ({device.Physical.Name}) was created without",
                $"Enable {extension} when creating the device (VulkanUpscaler.Requirements lists what the CUDA-interop path needs)");
        return device.GetFunction(name);
    }
}
