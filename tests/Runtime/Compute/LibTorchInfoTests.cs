using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Tests.Runtime.Compute;

public class LibTorchInfoTests
{
    [Test]
    public void NnpackIsSwitchedOffOnceLibtorchIsSetUp()
    {
        TorchDevices.EnsureCpu();
        Assert.That(LibTorchInfo.NnpackEnabled, Is.False, "libtorch would ask NNPACK about every small convolution, and warn on CPUs it does not know");
    }

    [Test]
    public void LibtorchDescribesItsBuildAndThisCpu()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LibTorchInfo.BuildConfiguration, Does.Contain("PyTorch built with"));
            Assert.That(LibTorchInfo.CpuCapability, Is.AnyOf("DEFAULT", "AVX2", "AVX512", "ZVECTOR", "SVE256", "VSX"));
            Assert.That(LibTorchInfo.OneDnnVersion, Does.Match(@"v\d+\.\d+"));
            Assert.That(LibTorchInfo.ParallelInfo, Does.Contain("threads"));
            Assert.That(LibTorchInfo.NnpackHardware, Is.Not.EqualTo("unknown"));
        });
        TestContext.Out.WriteLine($"{LibTorchInfo.CpuCapability}; {LibTorchInfo.OneDnnVersion}; NNPACK: {LibTorchInfo.NnpackHardware}");
    }
}
