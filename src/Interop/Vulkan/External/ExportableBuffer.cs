using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace GdpoRealtime.Interop.Vulkan.External;

/// <summary>
/// A device-local buffer whose memory can be exported as this OS's handle (and imported by CUDA). It gets its own
/// allocation, dedicated when the driver requires or prefers it, because an importer maps whole allocations and must
/// be told about dedicated ones (CUDA_EXTERNAL_MEMORY_DEDICATED).
/// </summary>
public sealed unsafe class ExportableBuffer : IDisposable
{
    private readonly VulkanDevice device;
    private readonly ExternalHandleExport export;
    private bool disposed;

    private ExportableBuffer(VulkanDevice device, Buffer buffer, DeviceMemory memory, ulong size, ulong allocationSize, bool dedicated, uint memoryType)
    {
        MemoryTypeIndex = memoryType;
        this.device = device;
        Handle = buffer;
        Memory = memory;
        Size = size;
        AllocationSize = allocationSize;
        Dedicated = dedicated;
        export = new ExternalHandleExport(device);
    }

    public Buffer Handle { get; }
    public DeviceMemory Memory { get; }

    /// <summary>The buffer's size in bytes.</summary>
    public ulong Size { get; }

    /// <summary>The size of its memory allocation (at least <see cref="Size"/>): what an importer must be told.</summary>
    public ulong AllocationSize { get; }

    /// <summary>Whether the memory is a dedicated allocation (importers must be told).</summary>
    public bool Dedicated { get; }

    /// <summary>The memory type of the allocation (on CPU drivers it is also host-visible, which tests use).</summary>
    public uint MemoryTypeIndex { get; }

    public static ExportableBuffer Create(VulkanDevice device, ulong size, BufferUsageFlags usage)
    {
        if (size == 0) throw new ArgumentOutOfRangeException(nameof(size), "A Vulkan buffer cannot be empty.");
        if (!device.EnabledExtensions.Contains(ExternalHandles.MemoryExportExtension))
            throw new VulkanUnavailableException($"Exporting memory needs {ExternalHandles.MemoryExportExtension}, which the Vulkan device ({device.Physical.Name}) was created without",
                $"Enable {ExternalHandles.MemoryExportExtension} and {ExternalHandles.ExternalMemory} when creating the device");
        var (exportable, dedicatedOnly) = ExternalSupport.Buffer(device.Instance, device.Physical.Handle, usage);
        if (!exportable)
            throw new VulkanUnavailableException($"The Vulkan device {device.Physical.Name} cannot export buffer memory as an {ExternalHandles.HandleName}",
                "Use a GPU driver that supports external memory (NVIDIA's does), or the host-staging backend");
        var vk = device.Vk;
        var external = new ExternalMemoryBufferCreateInfo { SType = StructureType.ExternalMemoryBufferCreateInfo, HandleTypes = ExternalHandles.MemoryHandleType };
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            PNext = &external,
            Size = size,
            Usage = usage,
            SharingMode = SharingMode.Exclusive,
        };
        Buffer buffer;
        vk.CreateBuffer(device.Handle, &info, null, &buffer).Check("vkCreateBuffer (exportable)");
        DeviceMemory memory = default;
        try
        {
            var dedicatedNeeds = new MemoryDedicatedRequirements { SType = StructureType.MemoryDedicatedRequirements };
            var requirements = new MemoryRequirements2 { SType = StructureType.MemoryRequirements2, PNext = &dedicatedNeeds };
            var query = new BufferMemoryRequirementsInfo2 { SType = StructureType.BufferMemoryRequirementsInfo2, Buffer = buffer };
            vk.GetBufferMemoryRequirements2(device.Handle, &query, &requirements);
            bool dedicated = dedicatedOnly || dedicatedNeeds.RequiresDedicatedAllocation || dedicatedNeeds.PrefersDedicatedAllocation;

            var dedicatedInfo = new MemoryDedicatedAllocateInfo { SType = StructureType.MemoryDedicatedAllocateInfo, Buffer = buffer };
            var exportInfo = new ExportMemoryAllocateInfo
            {
                SType = StructureType.ExportMemoryAllocateInfo,
                PNext = dedicated ? &dedicatedInfo : null,
                HandleTypes = ExternalHandles.MemoryHandleType,
            };
            ulong allocationSize = requirements.MemoryRequirements.Size;
            uint memoryType = device.ChooseMemoryType(requirements.MemoryRequirements.MemoryTypeBits, MemoryPropertyFlags.DeviceLocalBit, MemoryPropertyFlags.None);
            var allocate = new MemoryAllocateInfo
            {
                SType = StructureType.MemoryAllocateInfo,
                PNext = &exportInfo,
                AllocationSize = allocationSize,
                MemoryTypeIndex = memoryType,
            };
            vk.AllocateMemory(device.Handle, &allocate, null, &memory).Check($"vkAllocateMemory ({allocationSize} exportable bytes)");
            vk.BindBufferMemory(device.Handle, buffer, memory, 0).Check("vkBindBufferMemory");
            device.CountCreated(2);
            return new ExportableBuffer(device, buffer, memory, size, allocationSize, dedicated, memoryType);
        }
        catch
        {
            if (memory.Handle != 0) vk.FreeMemory(device.Handle, memory, null);
            vk.DestroyBuffer(device.Handle, buffer, null);
            throw;
        }
    }

    /// <summary>A new OS handle to the buffer's memory; the caller owns it (see <see cref="ExportedHandle"/>).</summary>
    public ExportedHandle Export()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return export.ExportMemory(Memory);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        device.Vk.DestroyBuffer(device.Handle, Handle, null);
        device.Vk.FreeMemory(device.Handle, Memory, null);
    }
}
