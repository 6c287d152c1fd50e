using System.Runtime.InteropServices;

namespace GdpoRealtime.Runtime.Compute;

/// <summary>
/// libtorch's CPU kernels run on OpenMP threads that, by default, spin while they wait for work. In a game
/// the upscaler shares the cores with the engine's own threads, and spinning workers steal their time (on a
/// busy 2-core machine a frame took 4x longer). So unless the user chose otherwise, OMP_WAIT_POLICY=PASSIVE
/// is set in the native environment before libtorch loads: .NET's Environment.SetEnvironmentVariable does
/// not reach getenv on Unix, hence the call into libc.
/// </summary>
internal static partial class OpenMpWaitPolicy
{
    private const string Variable = "OMP_WAIT_POLICY";

    /// <summary>Called by <see cref="TorchDevices"/> before it first touches libtorch.</summary>
    internal static void PreferPassiveWaiting()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 }) return;
        try
        {
            if (OperatingSystem.IsWindows()) Environment.SetEnvironmentVariable(Variable, "PASSIVE");
            else SetEnvironment(Variable, "PASSIVE", 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without libc's setenv the default (spinning) policy stays: slower when cores are shared, still correct.
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
