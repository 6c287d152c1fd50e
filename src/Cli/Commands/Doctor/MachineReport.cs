using System.Runtime.InteropServices;
using GdpoRealtime.Interop.Cuda;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Cli.Commands.Doctor;

/// <summary>What a bug report needs to know about this machine: CPU, libtorch and its kernels, Vulkan devices, CUDA.</summary>
public static class MachineReport
{
    /// <summary>Environment variables that change how libtorch, oneDNN or OpenMP compute.</summary>
    private static readonly string[] ComputeVariables =
    {
        "OMP_NUM_THREADS", "OMP_WAIT_POLICY", "MKL_NUM_THREADS", "DNNL_MAX_CPU_ISA", "ONEDNN_MAX_CPU_ISA", "ATEN_CPU_CAPABILITY",
        "DNNL_VERBOSE", TorchDevices.TorchLibDirVariable, "CUDA_VISIBLE_DEVICES",
    };

    /// <summary>Sections of (label, value) lines, in the order they print.</summary>
    public static IReadOnlyList<(string Section, IReadOnlyList<(string Label, string Value)> Lines)> Gather(string? oneDnnIsa)
    {
        var cpu = CpuDescription.OfThisMachine();
        TorchDevices.EnsureCpu();
        var config = LibTorchInfo.BuildConfiguration.Split('\n', StringSplitOptions.TrimEntries);
        string torchVersion = config.FirstOrDefault(l => l.StartsWith("- Build settings:", StringComparison.Ordinal)) is { } settings
            && settings.Split(',').FirstOrDefault(p => p.Contains("TORCH_VERSION=", StringComparison.Ordinal)) is { } version
            ? version.Split('=')[1].Trim() : "unknown";
        var environment = ComputeVariables.Select(v => (v, Environment.GetEnvironmentVariable(v))).Where(p => p.Item2 is not null)
            .Select(p => $"{p.v}={p.Item2}").ToList();
        return new (string, IReadOnlyList<(string, string)>)[]
        {
            ("machine", new[]
            {
                ("OS", $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), .NET {Environment.Version}"),
                ("CPU", cpu.ToString()),
                ("CPU vector flags", cpu.VectorFlags.Count > 0 ? string.Join(' ', cpu.VectorFlags) : "unknown"),
            }),
            ("libtorch", new[]
            {
                ("version", $"libtorch {torchVersion} through TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}"),
                ("ATen kernels", LibTorchInfo.CpuCapability),
                ("oneDNN", $"{LibTorchInfo.OneDnnVersion}; kernels chosen here: {oneDnnIsa ?? "unknown"}"),
                ("NNPACK", $"hardware check: {LibTorchInfo.NnpackHardware}; consulted by our convolutions: {(LibTorchInfo.NnpackEnabled == false ? "no (switched off)" : "yes")}"),
                ("threads", $"{TorchSharp.torch.get_num_threads()} intra-op, {TorchSharp.torch.get_num_interop_threads()} inter-op"),
                ("environment", environment.Count > 0 ? string.Join(", ", environment) : "no compute variables set"),
            }),
            ("Vulkan", VulkanLines()),
            ("CUDA", new[] { ("driver", CudaDevice.Probe().Reason), ("CUDA libtorch", CudaLibtorch()) }),
        };
    }

    private static IReadOnlyList<(string, string)> VulkanLines()
    {
        string[] extensions =
        {
            "VK_KHR_external_memory_fd", "VK_KHR_external_semaphore_fd", "VK_KHR_timeline_semaphore", "VK_KHR_shader_float16_int8",
            "VK_KHR_16bit_storage", "VK_KHR_cooperative_matrix",
        };
        try
        {
            using var instance = VulkanInstance.Create();
            var devices = instance.PhysicalDevices();
            if (devices.Count == 0) return new[] { ("devices", "none (install a Vulkan driver: mesa-vulkan-drivers gives lavapipe)") };
            return devices.Select((d, i) => ($"device {i}",
                $"{d}; {string.Join(", ", extensions.Select(e => $"{e.Replace("VK_KHR_", "")} {(d.Extensions.Contains(e) ? "yes" : "no")}"))}")).ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new[] { ("loader", $"unavailable: {e.Message.Split('\n')[0]}") };
        }
    }

    private static string CudaLibtorch() =>
        Environment.GetEnvironmentVariable(TorchDevices.TorchLibDirVariable) is { Length: > 0 } directory
            ? File.Exists(Path.Combine(directory, "libtorch_cuda.so")) ? $"{directory} holds libtorch_cuda.so" : $"{directory} holds no libtorch_cuda.so"
            : $"{TorchDevices.TorchLibDirVariable} is not set: the network runs on the CPU";
}
