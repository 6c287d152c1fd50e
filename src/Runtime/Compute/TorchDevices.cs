using System.Runtime.InteropServices;
using GdpoRealtime.Runtime.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Compute;

/// <summary>
/// Chooses and initialises libtorch's device. On Linux the CPU libtorch ships with the program and a CUDA
/// libtorch is loaded from a directory (the --torch-lib-dir option or TORCH_LIB_DIR; a PyTorch install's
/// torch/lib works); on Windows the CUDA libtorch comes from the TorchSharp-cuda-windows package. The CUDA
/// libraries must be loaded before TorchSharp first loads its own, so this runs before any tensor is made.
/// </summary>
public static class TorchDevices
{
    public const string TorchLibDirVariable = "TORCH_LIB_DIR";

    // Load order matters: each library's dependencies before it, so the loader resolves them from the same directory.
    private static readonly string[] CudaLibraryOrder =
        { "libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so" };

    private static readonly Lock Gate = new();
    private static string? loadedCudaDirectory;
    private static bool cpuReady;
    private static TorchDevice? selected;

    static TorchDevices() => OpenMpWaitPolicy.PreferPassiveWaiting();

    /// <summary>The device chosen by the last <see cref="Select"/>, or null before.</summary>
    public static TorchDevice? Selected => selected;

    /// <summary>Picks the device, initialises libtorch for it and logs one line saying which and why.</summary>
    public static TorchDevice Select(DevicePreference preference, string? torchLibDirectory = null, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        lock (Gate)
        {
            var device = Choose(preference, torchLibDirectory);
            selected = device;
            logger.LogInformation("Compute device: {Device}", device);
            return device;
        }
    }

    /// <summary>Makes sure the CPU libtorch loads, turning a failure into an actionable error.</summary>
    public static void EnsureCpu()
    {
        lock (Gate)
        {
            if (cpuReady) return;
            try
            {
                InitializeDeviceType(DeviceType.CPU);
                using var probe = zeros(1);
                DisableNnpack();
                cpuReady = true;
            }
            catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
            {
                throw LibTorchLoadFailure.Explain(e);
            }
        }
    }

    private static TorchDevice Choose(DevicePreference preference, string? optionDirectory)
    {
        string? directory = !string.IsNullOrWhiteSpace(optionDirectory) ? optionDirectory
            : Environment.GetEnvironmentVariable(TorchLibDirVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        string source = !string.IsNullOrWhiteSpace(optionDirectory) ? "the CUDA libtorch directory setting" : TorchLibDirVariable;

        if (preference == DevicePreference.Cpu)
        {
            EnsureCpu();
            return new TorchDevice(CPU, "CPU asked for");
        }

        if (directory is not null && RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            LoadCudaLibraries(directory, source);
            if (cuda.is_available())
                return new TorchDevice(CUDA, $"CUDA libtorch from {source}");
            if (preference == DevicePreference.Cuda)
                throw new ComputeSetupException($"The CUDA libtorch from {source} loaded, but no CUDA device is visible",
                    "Check 'nvidia-smi' and CUDA_VISIBLE_DEVICES, or choose the CPU device.") { Setting = Settings.Device };
            EnsureCpu();
            return new TorchDevice(CPU, $"CUDA libtorch from {source} loaded, but no CUDA device is visible");
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && TryInitializeWindowsCuda())
            return new TorchDevice(CUDA, "CUDA libtorch from the TorchSharp-cuda-windows package");

        if (preference == DevicePreference.Cuda)
            throw new ComputeSetupException("CUDA was asked for, but no CUDA libtorch is available",
                $"Set {TorchLibDirVariable} (or the CUDA libtorch directory setting) to a CUDA libtorch directory, such as a PyTorch install's torch/lib.") { Setting = Settings.TorchLibraryDirectory };
        EnsureCpu();
        return new TorchDevice(CPU, $"no CUDA libtorch: {TorchLibDirVariable} is not set");
    }

    private static void LoadCudaLibraries(string directory, string source)
    {
        string full = Path.GetFullPath(directory);
        if (loadedCudaDirectory == full) return;
        if (!Directory.Exists(full))
            throw new ComputeSetupException($"{source} points to '{directory}', which does not exist",
                "Point it at a CUDA libtorch directory (a PyTorch install's torch/lib), or unset it to use the CPU.");
        if (!File.Exists(Path.Combine(full, "libtorch_cuda.so")))
            throw new ComputeSetupException($"{source} points to '{directory}', which holds no libtorch_cuda.so (not a CUDA libtorch)",
                "Point it at a CUDA build of libtorch (a PyTorch install's torch/lib), or unset it to use the CPU.");
        if (cpuReady || loadedCudaDirectory is not null)
            throw new ComputeSetupException("libtorch was already initialised before the CUDA libraries could be loaded",
                "Select the device before creating any model or tensor.");
        foreach (var name in CudaLibraryOrder)
        {
            string path = Path.Combine(full, name);
            if (!File.Exists(path)) continue;
            try { NativeLibrary.Load(path); }
            catch (DllNotFoundException e)
            {
                throw new ComputeSetupException($"{name} from {source} could not be loaded ({FirstLine(e)})",
                    "Check that the CUDA runtime libraries it needs are installed (ldd names them), or unset it to use the CPU.", e);
            }
        }
        loadedCudaDirectory = full;
        DisableNnpack();
        try { InitializeDeviceType(DeviceType.CUDA); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or DllNotFoundException)
        {
            // InitializeDeviceType reports a machine without a usable GPU this way; the caller decides.
            _ = e;
        }
        cpuReady = true;
    }

    /// <summary>
    /// Our convolutions never take NNPACK's path (oneDNN runs them), but libtorch still asks NNPACK whether it could,
    /// and on a CPU it does not recognise NNPACK says "Could not initialize NNPACK! Reason: Unsupported hardware" on
    /// standard error. Switched off once, as torch.backends.nnpack.enabled = False does, so the question is never asked.
    /// </summary>
    private static void DisableNnpack() => LibTorchNative.SetNnpackEnabled(false);

    private static bool TryInitializeWindowsCuda()
    {
        try { return TryInitializeDeviceType(DeviceType.CUDA) && cuda.is_available(); }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or InvalidOperationException) { return false; }
    }

    private static string FirstLine(Exception e) => e.Message.Split('\n', 2)[0].Trim();
}
