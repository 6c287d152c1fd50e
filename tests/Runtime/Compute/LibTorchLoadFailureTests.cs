using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Tests.Runtime.Compute;

/// <summary>
/// A program that references the packages and cannot load libtorch is told which of the two causes it is and what to do:
/// TorchSharp's own message names the package for both, and neither its version nor the libstdc++ fix.
/// </summary>
public class LibTorchLoadFailureTests
{
    // What TorchSharp throws, as seen from a program built against the packages without libtorch.
    private static readonly Exception TorchSharpFailure = new TypeInitializationException("TorchSharp.torch",
        new NotSupportedException("This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64, Version=2.10.0.\nConsider..."));

    [Test]
    public void AProgramWithoutLibTorchIsToldWhichPackageAndVersionToAdd()
    {
        var error = LibTorchLoadFailure.Explain(TorchSharpFailure, windows: false, carriesLibTorch: false, libStdCxxTooOld: true);
        Assert.Multiple(() =>
        {
            Assert.That(error.Cause, Does.Contain("carries no libtorch"));
            Assert.That(error.Cause, Does.Contain("doesn't contain a reference to libtorch-cpu-linux-x64"), "TorchSharp's own first line, not its type initializer's");
            Assert.That(error.Fix, Does.Contain("libtorch-cpu-linux-x64 package, version 2.10.0"));
            Assert.That(error.Fix, Does.Contain("vulkan-compute backend needs no libtorch"));
            Assert.That(error.InnerException, Is.SameAs(TorchSharpFailure));
        });
    }

    [Test]
    public void AProgramWithLibTorchOnAnOldLibStdCxxIsToldAboutTheBuildStep()
    {
        var error = LibTorchLoadFailure.Explain(TorchSharpFailure, windows: false, carriesLibTorch: true, libStdCxxTooOld: true);
        Assert.Multiple(() =>
        {
            Assert.That(error.Cause, Does.Contain("GLIBCXX_3.4.32"));
            Assert.That(error.Fix, Does.Contain("GdpoRealtime.Runtime package"));
            Assert.That(error.Fix, Does.Contain("dotnet publish"));
        });
    }

    [Test]
    public void OtherwiseTheMissingSystemLibraryIsFoundWithLdd()
    {
        var error = LibTorchLoadFailure.Explain(new DllNotFoundException("libgomp.so.1: cannot open shared object file"),
            windows: false, carriesLibTorch: true, libStdCxxTooOld: false);
        Assert.That(error.Cause, Does.Contain("libgomp.so.1"));
        Assert.That(error.Fix, Does.Contain("ldd"));
    }

    [Test]
    public void OnWindowsTheWindowsPackagesAreNamed()
    {
        var error = LibTorchLoadFailure.Explain(TorchSharpFailure, windows: true, carriesLibTorch: false, libStdCxxTooOld: false);
        Assert.That(error.Fix, Does.Contain("libtorch-cpu-win-x64").And.Contain("TorchSharp-cuda-windows"));
    }
}
