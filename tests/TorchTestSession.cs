using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Tests;

/// <summary>
/// libtorch is set up once before any test makes a tensor, as the programs do: on the GPU machine (TORCH_LIB_DIR set,
/// as .device/boot.sh does) the CUDA libtorch must be loaded first, or libtorch starts on the CPU and CUDA cannot be
/// added later; everywhere, the set-up switches NNPACK off, so no test prints its hardware warning. A set-up fixture
/// of the root namespace runs before every test.
/// </summary>
[SetUpFixture]
public sealed class TorchTestSession
{
    [OneTimeSetUp]
    public void SetUpLibtorch()
    {
        if (Environment.GetEnvironmentVariable(TorchDevices.TorchLibDirVariable) is not { Length: > 0 })
        {
            TorchDevices.EnsureCpu();
            return;
        }
        try
        {
            var device = TorchDevices.Select(DevicePreference.Auto);
            TestContext.Progress.WriteLine($"libtorch for this run: {device}");
        }
        catch (ComputeSetupException e)
        {
            TestContext.Progress.WriteLine($"{TorchDevices.TorchLibDirVariable} is set but unusable ({e.Cause}); GPU tests will be skipped.");
            TorchDevices.EnsureCpu();
        }
    }
}
