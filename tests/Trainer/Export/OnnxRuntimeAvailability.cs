using Microsoft.ML.OnnxRuntime;

namespace GdpoRealtime.Tests.Trainer.Export;

/// <summary>
/// Whether ONNX Runtime's native library is in this build. Every ordinary build has it; a pack for the GPU machine may
/// leave it out (35 MB against that machine's 64 MiB), and there the tests that run a graph report skipped, saying why.
/// </summary>
public static class OnnxRuntimeAvailability
{
    private static readonly Lazy<string?> Missing = new(() =>
    {
        try
        {
            using var options = new SessionOptions();
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            return e.InnerException?.Message ?? e.Message;
        }
    });

    public static void Require()
    {
        if (Missing.Value is { } reason)
            Assert.Ignore($"ONNX Runtime's native library is not in this build ({reason})");
    }
}
