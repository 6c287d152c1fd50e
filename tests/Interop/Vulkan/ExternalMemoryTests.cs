using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Tests.Support;
using Microsoft.Win32.SafeHandles;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Tests.Interop.Vulkan;

/// <summary>The Vulkan side of sharing with CUDA: exportable memory, timeline semaphores, device UUIDs (lavapipe here).</summary>
public class ExternalMemoryTests
{
    private static VulkanDevice DeviceWithMemoryExport()
    {
        var device = VulkanTests.Gpu.Device;
        if (!device.EnabledExtensions.Contains(ExternalHandles.MemoryExportExtension))
            VulkanTests.Skip($"{device.Physical.Name} does not offer {ExternalHandles.MemoryExportExtension}");
        return device;
    }

    [Test]
    public unsafe void BufferMemoryIsExportedAsAFileDescriptorHoldingTheBuffersBytes()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("Windows exports NT handles; this test reads a Linux file descriptor");
        var device = DeviceWithMemoryExport();
        const ulong size = 64 * 1024;
        using var buffer = ExportableBuffer.Create(device, size, BufferUsageFlags.TransferDstBit | BufferUsageFlags.TransferSrcBit);
        Assert.That(buffer.AllocationSize, Is.GreaterThanOrEqualTo(size));
        var pattern = Enumerable.Range(0, (int)size).Select(i => (byte)(i * 31 + 7)).ToArray();
        using (var staging = GpuBuffer.CreateHostVisible(device, size, BufferUsageFlags.TransferSrcBit))
        {
            staging.Write<byte>(pattern);
            device.Submit(cmd =>
            {
                var region = new BufferCopy(0, 0, size);
                device.Vk.CmdCopyBuffer(cmd, staging.Handle, buffer.Handle, 1, &region);
            });
        }

        var first = buffer.Export();
        var second = buffer.Export();
        try
        {
            Assert.That(first.IsFileDescriptor, Is.True);
            Assert.That((long)first.Value, Is.GreaterThanOrEqualTo(0L));
            Assert.That(second.Value, Is.Not.EqualTo(first.Value), "each export is a new descriptor the importer owns");
            Assert.That(File.Exists($"/proc/self/fd/{first.Value}"), Is.True, "an open descriptor");
            if (device.Physical.IsCpu)
            {
                // lavapipe backs device memory with a memfd (after a page of its own bookkeeping): its "opaque" descriptor
                // can be read like a file, which shows that the export carries the very bytes a Vulkan command wrote.
                // (On the GPU machine CUDA imports and reads them: CudaInteropTests.)
                using var stream = new FileStream(new SafeFileHandle(second.Value, ownsHandle: false), FileAccess.Read);
                var contents = new byte[stream.Length];
                stream.ReadExactly(contents);
                int at = contents.AsSpan().IndexOf(pattern);
                TestContext.Out.WriteLine($"{device.Physical.Name}: exported memory is a {contents.Length}-byte file; the buffer's bytes start at offset {at}");
                Assert.That(at, Is.GreaterThanOrEqualTo(0), "the exported memory holds the buffer's contents");
            }
        }
        finally
        {
            first.Close();
            second.Close();
        }
        Assert.That(File.Exists($"/proc/self/fd/{first.Value}"), Is.False, "closed");
    }

    [Test]
    public void TimelineSemaphoresCountUpFromTheHostAndTheQueue()
    {
        var device = VulkanTests.Gpu.Device;
        if (!device.TimelineSemaphoreEnabled) VulkanTests.Skip($"{device.Physical.Name} has no timeline semaphores");
        using var semaphore = TimelineSemaphore.Create(device, initialValue: 2);
        Assert.That(semaphore.Value, Is.EqualTo(2));
        Assert.That(semaphore.Wait(3, TimeSpan.FromMilliseconds(20)), Is.False, "not reached yet");
        semaphore.Signal(5);
        Assert.That(semaphore.Wait(3, TimeSpan.Zero), Is.True);
        Assert.That(semaphore.Value, Is.EqualTo(5));
        using var commands = new CommandBufferRunner(device);
        commands.Begin();
        commands.End();
        SubmitWithSignal(device, commands.Buffer, semaphore, 9);
        Assert.That(semaphore.Wait(9, TimeSpan.FromSeconds(10)), Is.True, "the queue signalled 9");
    }

    private static unsafe void SubmitWithSignal(VulkanDevice device, CommandBuffer buffer, TimelineSemaphore semaphore, ulong value)
    {
        var handle = semaphore.Handle;
        var timeline = new TimelineSemaphoreSubmitInfo { SType = StructureType.TimelineSemaphoreSubmitInfo, SignalSemaphoreValueCount = 1, PSignalSemaphoreValues = &value };
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo, PNext = &timeline, CommandBufferCount = 1, PCommandBuffers = &buffer,
            SignalSemaphoreCount = 1, PSignalSemaphores = &handle,
        };
        device.SubmitToQueue(submit, default);
    }

    [Test]
    public void ExportingASemaphoreWithoutTheExtensionNamesIt()
    {
        var device = VulkanTests.Gpu.Device;
        if (device.EnabledExtensions.Contains(ExternalHandles.SemaphoreExportExtension))
            Assert.Ignore($"{device.Physical.Name} exports semaphores; this checks the error on a device that cannot (lavapipe)");
        if (!device.TimelineSemaphoreEnabled) VulkanTests.Skip($"{device.Physical.Name} has no timeline semaphores");
        var error = Assert.Throws<VulkanUnavailableException>(() => TimelineSemaphore.Create(device, exportable: true))!;
        Assert.That(error.Message, Does.Contain(ExternalHandles.SemaphoreExportExtension));
        Assert.That(ExternalSupport.TimelineSemaphoreExportable(device.Instance, device.Physical.Handle), Is.False,
            "the driver agrees it cannot export timeline semaphores");
    }

    [Test]
    public void TheDeviceUuidIsSixteenBytesAndPrintsAsNvidiaSmiDoes()
    {
        var device = VulkanTests.Gpu.Device;
        var uuid = ExternalSupport.DeviceUuid(device.Instance, device.Physical.Handle);
        string text = ExternalSupport.FormatUuid(uuid);
        TestContext.Out.WriteLine($"{device.Physical.Name}: {text}");
        Assert.That(uuid, Has.Length.EqualTo(16));
        Assert.That(uuid.Any(b => b != 0), Is.True);
        Assert.That(text, Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        Assert.That(ExternalSupport.FormatUuid(Enumerable.Range(0, 16).Select(i => (byte)i).ToArray()), Is.EqualTo("00010203-0405-0607-0809-0a0b0c0d0e0f"));
    }

    [Test]
    public void ABorrowedDeviceIsNotDestroyedWithItsWrapper()
    {
        var owner = VulkanTests.Gpu.Device;
        var instance = VulkanInstance.FromHandle(owner.Instance.Handle.Handle, owner.Instance.ApiVersion);
        var borrowed = VulkanDevice.FromHandles(instance, owner.Physical.Handle.Handle, owner.Handle.Handle, owner.QueueFamilyIndex,
            owner.Queue.Handle, owner.EnabledExtensions, owner.TimelineSemaphoreEnabled);
        Assert.That(borrowed.IsOwned, Is.False);
        Assert.That(borrowed.Physical.Name, Is.EqualTo(owner.Physical.Name));
        borrowed.Submit(_ => { });
        borrowed.Dispose();
        instance.Dispose();
        Assert.DoesNotThrow(() => owner.Submit(_ => { }), "the engine's device and instance still work");
    }
}
