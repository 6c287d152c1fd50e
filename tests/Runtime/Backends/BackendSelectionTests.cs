using GdpoRealtime.Runtime.Backends;

namespace GdpoRealtime.Tests.Runtime.Backends;

public class BackendSelectionTests
{
    private static readonly BackendCandidate InteropMissing = BackendCandidate.Unavailable(BackendKind.CudaInterop,
        "the Vulkan device llvmpipe does not offer VK_KHR_external_semaphore_fd", "Run on an NVIDIA GPU.");
    private static readonly BackendCandidate InteropReady = BackendCandidate.Available(BackendKind.CudaInterop, "Vulkan device H100 is CUDA device 0");
    private static readonly BackendCandidate Staging = BackendCandidate.Available(BackendKind.HostStaging, "works on any Vulkan device");

    [Test]
    public void AutomaticChoicePrefersCudaInteropWhenItIsAvailable()
    {
        var choice = BackendSelection.Choose(BackendPreference.Auto, new[] { InteropReady, Staging });
        Assert.That(choice.Kind, Is.EqualTo(BackendKind.CudaInterop));
        Assert.That(choice.Describe(), Does.StartWith("CUDA interop (").And.Contain("CUDA device 0"));
    }

    [Test]
    public void AutomaticChoiceFallsBackToHostStagingAndSaysWhy()
    {
        var choice = BackendSelection.Choose(BackendPreference.Auto, new[] { InteropMissing, Staging });
        Assert.That(choice.Kind, Is.EqualTo(BackendKind.HostStaging));
        Assert.That(choice.Describe(), Does.StartWith("host staging").And.Contain("CUDA interop unavailable").And.Contain("VK_KHR_external_semaphore_fd"));
    }

    [Test]
    public void ForcingAnUnavailableBackendIsAnErrorNamingWhy()
    {
        var error = Assert.Throws<BackendUnavailableException>(() => BackendSelection.Choose(BackendPreference.CudaInterop, new[] { InteropMissing, Staging }))!;
        Assert.That(error.Message, Does.Contain("CUDA interop backend was asked for").And.Contain("VK_KHR_external_semaphore_fd"));
        Assert.That(error.Fix, Is.EqualTo("Run on an NVIDIA GPU."));
    }

    [Test]
    public void ForcingHostStagingSkipsAWorkingInterop()
    {
        var choice = BackendSelection.Choose(BackendPreference.HostStaging, new[] { InteropReady, Staging });
        Assert.That(choice.Kind, Is.EqualTo(BackendKind.HostStaging));
        Assert.That(choice.Reason, Does.StartWith("asked for"));
    }

    [Test]
    public void NothingUsableIsAnError()
    {
        var broken = BackendCandidate.Unavailable(BackendKind.HostStaging, "no Vulkan queue does transfers", "Use another device.");
        var error = Assert.Throws<BackendUnavailableException>(() => BackendSelection.Choose(BackendPreference.Auto, new[] { InteropMissing, broken }))!;
        Assert.That(error.Message, Does.Contain("No upscaler backend").And.Contain("no Vulkan queue does transfers"));
    }

    [TestCase("auto", BackendPreference.Auto)]
    [TestCase("cuda-interop", BackendPreference.CudaInterop)]
    [TestCase("host-staging", BackendPreference.HostStaging)]
    public void PreferencesParse(string text, BackendPreference expected) => Assert.That(BackendNames.ParsePreference(text), Is.EqualTo(expected));

    [Test]
    public void AnUnknownPreferenceIsRefused() =>
        Assert.Throws<GdpoRealtime.Runtime.Errors.InvalidSettingException>(() => BackendNames.ParsePreference("metal"));
}
