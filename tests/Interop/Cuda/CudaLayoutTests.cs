using System.Runtime.InteropServices;
using GdpoRealtime.Interop.Cuda;

namespace GdpoRealtime.Tests.Interop.Cuda;

/// <summary>The driver-API structs must match cuda.h byte for byte: a wrong offset would pass garbage to the driver.</summary>
public class CudaLayoutTests
{
    [TestCase(typeof(ExternalMemoryHandleDesc), 104)]
    [TestCase(typeof(ExternalMemoryBufferDesc), 88)]
    [TestCase(typeof(ExternalSemaphoreHandleDesc), 96)]
    [TestCase(typeof(ExternalSemaphoreSignalParams), 144)]
    [TestCase(typeof(ExternalSemaphoreWaitParams), 144)]
    public void SizesMatchCudaH(Type type, int bytes)
    {
        Assert.That(Marshal.SizeOf(type), Is.EqualTo(bytes), "marshalled size");
        var unmanaged = typeof(System.Runtime.CompilerServices.Unsafe).GetMethod(nameof(System.Runtime.CompilerServices.Unsafe.SizeOf))!.MakeGenericMethod(type);
        Assert.That(unmanaged.Invoke(null, null), Is.EqualTo(bytes), "size in memory (what a pointer to it passes)");
    }

    [TestCase(typeof(ExternalMemoryHandleDesc), nameof(ExternalMemoryHandleDesc.Type), 0)]
    [TestCase(typeof(ExternalMemoryHandleDesc), nameof(ExternalMemoryHandleDesc.Fd), 8)]
    [TestCase(typeof(ExternalMemoryHandleDesc), nameof(ExternalMemoryHandleDesc.Win32Handle), 8)]
    [TestCase(typeof(ExternalMemoryHandleDesc), nameof(ExternalMemoryHandleDesc.Win32Name), 16)]
    [TestCase(typeof(ExternalMemoryHandleDesc), nameof(ExternalMemoryHandleDesc.Size), 24)]
    [TestCase(typeof(ExternalMemoryHandleDesc), nameof(ExternalMemoryHandleDesc.Flags), 32)]
    [TestCase(typeof(ExternalMemoryBufferDesc), nameof(ExternalMemoryBufferDesc.Offset), 0)]
    [TestCase(typeof(ExternalMemoryBufferDesc), nameof(ExternalMemoryBufferDesc.Size), 8)]
    [TestCase(typeof(ExternalMemoryBufferDesc), nameof(ExternalMemoryBufferDesc.Flags), 16)]
    [TestCase(typeof(ExternalSemaphoreHandleDesc), nameof(ExternalSemaphoreHandleDesc.Type), 0)]
    [TestCase(typeof(ExternalSemaphoreHandleDesc), nameof(ExternalSemaphoreHandleDesc.Fd), 8)]
    [TestCase(typeof(ExternalSemaphoreHandleDesc), nameof(ExternalSemaphoreHandleDesc.Win32Handle), 8)]
    [TestCase(typeof(ExternalSemaphoreHandleDesc), nameof(ExternalSemaphoreHandleDesc.Flags), 24)]
    [TestCase(typeof(ExternalSemaphoreSignalParams), nameof(ExternalSemaphoreSignalParams.FenceValue), 0)]
    [TestCase(typeof(ExternalSemaphoreSignalParams), nameof(ExternalSemaphoreSignalParams.Flags), 72)]
    [TestCase(typeof(ExternalSemaphoreWaitParams), nameof(ExternalSemaphoreWaitParams.FenceValue), 0)]
    [TestCase(typeof(ExternalSemaphoreWaitParams), nameof(ExternalSemaphoreWaitParams.Flags), 72)]
    public void FieldOffsetsMatchCudaH(Type type, string field, int offset) =>
        Assert.That((int)Marshal.OffsetOf(type, field), Is.EqualTo(offset));

    [Test]
    public void HandleTypesAreCudaHsValues()
    {
        Assert.That(CudaHandleTypes.MemoryOpaqueFd, Is.EqualTo(1), "CU_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD");
        Assert.That(CudaHandleTypes.MemoryOpaqueWin32, Is.EqualTo(2), "CU_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32");
        Assert.That(CudaHandleTypes.SemaphoreTimelineFd, Is.EqualTo(9), "CU_EXTERNAL_SEMAPHORE_HANDLE_TYPE_TIMELINE_SEMAPHORE_FD");
        Assert.That(CudaHandleTypes.SemaphoreTimelineWin32, Is.EqualTo(10), "CU_EXTERNAL_SEMAPHORE_HANDLE_TYPE_TIMELINE_SEMAPHORE_WIN32");
        Assert.That(CudaHandleTypes.ExternalMemoryDedicated, Is.EqualTo(1u), "CUDA_EXTERNAL_MEMORY_DEDICATED");
    }
}

/// <summary>The CUDA driver as this machine has it: a reason when it is missing, devices with UUIDs when it is there.</summary>
public class CudaDriverTests
{
    [Test]
    public void TheProbeSaysWhetherCudaCanBeUsedAndWhy()
    {
        var (available, reason) = CudaDevice.Probe();
        TestContext.Out.WriteLine($"CUDA driver: {(available ? "available" : "unavailable")} ({reason})");
        if (available)
        {
            Assert.That(reason, Does.Contain("device"));
            var devices = CudaDevice.List();
            Assert.That(devices, Is.Not.Empty);
            Assert.That(devices.All(d => d.Uuid.Length == 16 && d.Name.Length > 0), Is.True);
        }
        else
        {
            Assert.That(reason, Does.Contain(OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1").Or.Contain("no GPU").Or.Contain("cuInit"));
            var error = Assert.Throws<GdpoRealtime.Runtime.Backends.BackendUnavailableException>(() => CudaDevice.List())!;
            Assert.That(error.Message, Does.Contain(reason));
        }
    }

    [Test]
    public void FailuresNameTheCallTheErrorAndAFix()
    {
        var error = new CudaException("cuImportExternalMemory", CudaResult.NotSupported);
        Assert.That(error.Message, Does.Contain("cuImportExternalMemory").And.Contain("801"));
        Assert.That(error.Fix, Does.Contain("host-staging"));
        Assert.That(error.Code, Is.EqualTo(801));
        Assert.DoesNotThrow(() => CudaResult.Success.Check("cuInit"));
    }
}
