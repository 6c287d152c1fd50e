using GdpoRealtime.Tests.Support;
using GdpoRealtime.Tests.Trainer.Support;

namespace GdpoRealtime.Tests.Cli;

/// <summary>
/// Training and evaluation under a tiny gen-0 budget, so the garbage collector runs every few allocations: a tensor
/// wrapper that only the collector keeps alive (a temporary made outside a dispose scope, or an array wrapped by
/// torch.tensor) is then finalized while native code still uses it, and the process crashes. It did: 1 run in 3 of
/// stage 1's data loading before its tensors were scoped.
/// </summary>
public class GcStressTests
{
    [Test]
    public void StageOneGdpoAndEvalSurviveConstantCollections()
    {
        using var folder = new TempFolder();
        string data = folder.File("capture");
        CaptureFolders.Write(data);
        var stress = new Dictionary<string, string?> { ["DOTNET_GCgen0size"] = "0x40000" };
        string[] tiny = { "--channels", "8", "--blocks", "1", "--batch", "2", "--crop", "16", "--eval-tile", "16", "--eval-items", "4", "--device", "cpu" };
        var pretrain = CliProcess.Run(stress, TimeSpan.FromMinutes(4),
            new[] { "train", "pretrain", "--data", data, "--data", TestImages.Folder, "--out", folder.File("s1.gdpo"), "--steps", "4", "--adversarial-start", "1",
                "--discriminator-channels", "8", "--min-texture", "0.3" }.Concat(tiny).ToArray());
        Assert.That(pretrain.ExitCode, Is.EqualTo(0), pretrain.Error);
        var gdpo = CliProcess.Run(stress, TimeSpan.FromMinutes(4),
            new[] { "train", "gdpo", "--data", data, "--model", folder.File("s1.gdpo"), "--out", folder.File("g.gdpo"), "--steps", "2", "--group", "3" }
                .Concat(tiny.Skip(4)).ToArray());
        Assert.That(gdpo.ExitCode, Is.EqualTo(0), gdpo.Error);
        var eval = CliProcess.Run(stress, TimeSpan.FromMinutes(4),
            "eval", "--data", data, "--all-held-out", "--model", folder.File("s1.gdpo"), "--model", folder.File("g.gdpo"), "--eval-tile", "16", "--device", "cpu");
        Assert.That(eval.ExitCode, Is.EqualTo(0), eval.Error);
    }
}
