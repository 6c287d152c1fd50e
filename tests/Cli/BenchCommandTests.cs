using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Cli;

/// <summary>gdpo-sr bench --engine: the per-frame split through the engine API (tiny sizes here; the GPU machine runs the real ones).</summary>
public class BenchCommandTests
{
    [Test]
    public void TheEngineBenchPrintsTheSplitForEachSizePair()
    {
        _ = VulkanTests.Gpu;
        var result = CliRunner.Run("bench", "--engine", "--pairs", "32x24:64x48,40x30:64x48", "--runs", "3", "--warmup", "1", "--device", "cpu");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        TestContext.Out.WriteLine(result.Output);
        Assert.That(result.Output, Does.Contain("handoff in").And.Contain("network").And.Contain("handoff out").And.Contain("GFLOP/s").And.Contain("vs TorchSharp CPU"));
        foreach (var pair in new[] { "32x24 -> 64x48", "40x30 -> 64x48" })
        {
            var rows = result.Output.Split('\n').Where(l => l.TrimStart().StartsWith(pair) && l.Contains("fps")).ToList();
            var backends = rows.Select(r => r.TrimStart()[pair.Length..].TrimStart()).ToList();
            Assert.That(backends, Has.Some.StartsWith("TorchSharp CPU").And.Some.StartsWith("vulkan-compute").And.Some.StartsWith("host staging"),
                "auto measures every backend the device offers, against libtorch on the CPU");
            Assert.That(rows.All(r => r.Contains(" ms") && r.TrimEnd().EndsWith('x')), Is.True, "each row ends with its ratio to TorchSharp");
        }
    }

    [TestCase("960x540", "size pair")]
    [TestCase("960x540:big", "not a size")]
    public void BadPairsAreRefusedAsUsage(string pairs, string message)
    {
        var result = CliRunner.Run("bench", "--engine", "--pairs", pairs);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.Error, Does.Contain(message));
    }

    [Test]
    public void ForcingCudaInteropWhereItCannotRunNamesTheReason()
    {
        var gpu = VulkanTests.Gpu;
        if (gpu.Device.Physical.Extensions.Contains("VK_KHR_external_semaphore_fd"))
            Assert.Ignore($"{gpu.Device.Physical.Name} may run CUDA interop; this checks the refusal on a device that cannot (lavapipe)");
        var result = CliRunner.Run("bench", "--engine", "--pairs", "32x24:64x48", "--runs", "1", "--warmup", "0", "--backend", "cuda-interop");
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("CUDA interop backend was asked for").And.Contain("VK_KHR_external_semaphore_fd"));
    }
}
