using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Tests;

/// <summary>
/// On the GPU machine (TORCH_LIB_DIR set, as .device/boot.sh does) the CUDA libtorch must be loaded before any test
/// makes its first tensor, or libtorch starts on the CPU and CUDA cannot be added later. A set-up fixture of the root
/// namespace runs before every test; elsewhere it does nothing.
/// </summary>
[SetUpFixture]
public sealed class GpuTestSession
{
    [OneTimeSetUp]
    public void LoadCudaLibtorchFirst()
    {
        if (Environment.GetEnvironmentVariable(TorchBackend.TorchLibDirVariable) is not { Length: > 0 }) return;
        try
        {
            var device = TorchBackend.Select(DevicePreference.Auto);
            TestContext.Progress.WriteLine($"libtorch for this run: {device}");
        }
        catch (ComputeSetupException e)
        {
            TestContext.Progress.WriteLine($"{TorchBackend.TorchLibDirVariable} is set but unusable ({e.Cause}); GPU tests will be skipped.");
        }
    }
}
