using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests;

/// <summary>Releases the shared Vulkan device after every test of the assembly has run (a set-up fixture of the root namespace).</summary>
[SetUpFixture]
public sealed class VulkanTestSession
{
    [OneTimeTearDown]
    public void ReleaseDevice() => VulkanTests.Release();
}
