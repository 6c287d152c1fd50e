using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Runtime.Compute;

public class TorchDevicesTests
{
    [Test]
    public void CpuIsUsedWhenAskedFor()
    {
        var device = TorchDevices.Select(DevicePreference.Cpu);
        Assert.That(device.IsCuda, Is.False);
        Assert.That(device.Reason, Does.Contain("CPU"));
    }

    [Test]
    public void DirectoryWithoutCudaLibtorchIsRefusedWithTheFix()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("libtorch_cpu.so"), "not really");
        var error = Assert.Throws<ComputeSetupException>(() => TorchDevices.Select(DevicePreference.Auto, folder.Path));
        Assert.That(error!.Message, Does.Contain("libtorch_cuda.so").And.Contain(folder.Path).And.Contain("torch/lib"));
    }

    [Test]
    public void MissingDirectoryIsRefused()
    {
        var error = Assert.Throws<ComputeSetupException>(() => TorchDevices.Select(DevicePreference.Auto, "/no/such/torch/lib"));
        Assert.That(error!.Message, Does.Contain("does not exist"));
    }

    [Test]
    public void CudaWithoutACudaLibtorchIsRefused()
    {
        if (Environment.GetEnvironmentVariable(TorchDevices.TorchLibDirVariable) is { Length: > 0 })
            Assert.Ignore($"{TorchDevices.TorchLibDirVariable} is set on this machine: CUDA may well be available.");
        var error = Assert.Throws<ComputeSetupException>(() => TorchDevices.Select(DevicePreference.Cuda));
        Assert.That(error!.Message, Does.Contain(TorchDevices.TorchLibDirVariable));
    }

    [TestCase("gpu0")]
    [TestCase("")]
    public void UnknownDeviceNameIsRefused(string name)
    {
        Assert.Throws<InvalidSettingException>(() => DevicePreferences.Parse(name));
    }
}
