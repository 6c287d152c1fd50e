using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests;

/// <summary>
/// Turns the Khronos validation layer on for every Vulkan instance of the run (and of the programs the tests start)
/// before any is made, and releases the shared Vulkan device after every test of the assembly has run (a set-up
/// fixture of the root namespace). GDPO_VULKAN_VALIDATION=0 in the environment runs without the layer.
/// </summary>
[SetUpFixture]
public sealed class VulkanTestSession
{
    [OneTimeSetUp]
    public void EnableValidation()
    {
        if (Environment.GetEnvironmentVariable(GdpoRealtime.Interop.Vulkan.VulkanValidation.Variable) != "0")
            Environment.SetEnvironmentVariable(GdpoRealtime.Interop.Vulkan.VulkanValidation.Variable, "1");
        VulkanValidationLog.Attach();
    }

    [OneTimeTearDown]
    public void ReleaseDevice() => VulkanTests.Release();
}
