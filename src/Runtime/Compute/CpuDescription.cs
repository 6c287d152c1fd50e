namespace GdpoRealtime.Runtime.Compute;

/// <summary>The CPU as the operating system reports it (Linux: /proc/cpuinfo): model, the vector extensions that decide libtorch's kernels, and whether a hypervisor is in between.</summary>
public sealed record CpuDescription(string Model, int LogicalCores, IReadOnlyList<string> VectorFlags, bool UnderHypervisor)
{
    /// <summary>The flags that choose between libtorch's and oneDNN's kernel families, in the order of their width.</summary>
    private static readonly string[] InterestingFlags =
    {
        "sse4_2", "avx", "f16c", "fma", "avx2", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16",
        "avx_vnni", "amx_tile", "amx_bf16", "amx_int8", "xsave", "osxsave",
    };

    public static CpuDescription OfThisMachine()
    {
        const string path = "/proc/cpuinfo";
        if (!OperatingSystem.IsLinux() || !File.Exists(path))
            return new CpuDescription(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(), Environment.ProcessorCount, Array.Empty<string>(), false);
        string model = "unknown";
        var flags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            string key = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            if (key == "model name" && model == "unknown") model = value;
            else if (key == "flags" && flags.Count == 0) flags.UnionWith(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        return new CpuDescription(model, Environment.ProcessorCount, InterestingFlags.Where(flags.Contains).ToList(), flags.Contains("hypervisor"));
    }

    public override string ToString() =>
        $"{Model}, {LogicalCores} logical cores{(UnderHypervisor ? ", under a hypervisor" : "")}";
}
