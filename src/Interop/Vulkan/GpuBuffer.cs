using System.Runtime.CompilerServices;
using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>A buffer with its own memory. Host-visible buffers stay mapped for their lifetime.</summary>
public sealed unsafe class GpuBuffer : IDisposable
{
    private readonly VulkanDevice device;
    private readonly DeviceMemory memory;
    private bool disposed;

    private GpuBuffer(VulkanDevice device, Buffer handle, DeviceMemory memory, ulong size, void* mapped)
    {
        this.device = device;
        Handle = handle;
        this.memory = memory;
        Size = size;
        Mapped = mapped;
    }

    public Buffer Handle { get; }
    public ulong Size { get; }

    /// <summary>The host address of a host-visible buffer, null for device-local ones.</summary>
    public void* Mapped { get; }

    /// <summary>A host-visible, coherent buffer (uniforms, staging, readback), mapped for its lifetime.</summary>
    public static GpuBuffer CreateHostVisible(VulkanDevice device, ulong size, BufferUsageFlags usage, bool preferCached = false)
    {
        var coherent = MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit;
        var preferences = preferCached
            ? new[] { coherent | MemoryPropertyFlags.HostCachedBit, coherent }
            : new[] { coherent };
        return Create(device, size, usage, preferences, map: true);
    }

    /// <summary>A device-local buffer, filled through a staging copy.</summary>
    public static GpuBuffer CreateDeviceLocal(VulkanDevice device, ulong size, BufferUsageFlags usage) =>
        Create(device, size, usage | BufferUsageFlags.TransferDstBit,
            new[] { MemoryPropertyFlags.DeviceLocalBit, MemoryPropertyFlags.None }, map: false);

    /// <summary>A device-local buffer holding <paramref name="data"/> (vertices, indices).</summary>
    public static GpuBuffer CreateWithData<T>(VulkanDevice device, ReadOnlySpan<T> data, BufferUsageFlags usage) where T : unmanaged
    {
        ulong size = (ulong)(data.Length * sizeof(T));
        var buffer = CreateDeviceLocal(device, Math.Max(size, 4), usage);
        try
        {
            using var staging = CreateHostVisible(device, Math.Max(size, 4), BufferUsageFlags.TransferSrcBit);
            staging.Write(data);
            device.Submit(cmd =>
            {
                var region = new BufferCopy(0, 0, size);
                device.Vk.CmdCopyBuffer(cmd, staging.Handle, buffer.Handle, 1, &region);
            });
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static GpuBuffer Create(VulkanDevice device, ulong size, BufferUsageFlags usage, MemoryPropertyFlags[] preferences, bool map)
    {
        if (size == 0) throw new ArgumentOutOfRangeException(nameof(size), "A Vulkan buffer cannot be empty.");
        var vk = device.Vk;
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = size,
            Usage = usage,
            SharingMode = SharingMode.Exclusive,
        };
        Buffer buffer;
        vk.CreateBuffer(device.Handle, &info, null, &buffer).Check("vkCreateBuffer");
        DeviceMemory memory = default;
        try
        {
            vk.GetBufferMemoryRequirements(device.Handle, buffer, out var requirements);
            var allocate = new MemoryAllocateInfo
            {
                SType = StructureType.MemoryAllocateInfo,
                AllocationSize = requirements.Size,
                MemoryTypeIndex = device.ChooseMemoryType(requirements.MemoryTypeBits, preferences),
            };
            vk.AllocateMemory(device.Handle, &allocate, null, &memory).Check("vkAllocateMemory");
            vk.BindBufferMemory(device.Handle, buffer, memory, 0).Check("vkBindBufferMemory");
            void* mapped = null;
            if (map) vk.MapMemory(device.Handle, memory, 0, size, 0, &mapped).Check("vkMapMemory");
            device.CountCreated(2);
            return new GpuBuffer(device, buffer, memory, size, mapped);
        }
        catch
        {
            if (memory.Handle != 0) vk.FreeMemory(device.Handle, memory, null);
            vk.DestroyBuffer(device.Handle, buffer, null);
            throw;
        }
    }

    /// <summary>Copies <paramref name="data"/> into a host-visible buffer at <paramref name="offset"/> bytes.</summary>
    public void Write<T>(ReadOnlySpan<T> data, ulong offset = 0) where T : unmanaged
    {
        RequireMapped();
        ulong bytes = (ulong)(data.Length * sizeof(T));
        if (offset + bytes > Size) throw new ArgumentOutOfRangeException(nameof(data), $"Writing {bytes} bytes at {offset} overruns a {Size}-byte buffer.");
        data.CopyTo(new Span<T>((byte*)Mapped + offset, data.Length));
    }

    public void WriteValue<T>(in T value, ulong offset = 0) where T : unmanaged =>
        Write(new ReadOnlySpan<T>(Unsafe.AsPointer(ref Unsafe.AsRef(in value)), 1), offset);

    /// <summary>The mapped contents of a host-visible buffer.</summary>
    public ReadOnlySpan<byte> Contents
    {
        get
        {
            RequireMapped();
            return new ReadOnlySpan<byte>(Mapped, checked((int)Size));
        }
    }

    private void RequireMapped()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (Mapped == null) throw new InvalidOperationException("This buffer is device-local and not mapped; copy through a staging buffer.");
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        var vk = device.Vk;
        if (Mapped != null) vk.UnmapMemory(device.Handle, memory);
        vk.DestroyBuffer(device.Handle, Handle, null);
        vk.FreeMemory(device.Handle, memory, null);
    }
}
