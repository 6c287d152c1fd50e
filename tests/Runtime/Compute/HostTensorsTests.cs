using System.Text.RegularExpressions;
using GdpoRealtime.Runtime.Compute;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Runtime.Compute;

/// <summary>
/// Host arrays become tensors by copy: TorchSharp's torch.tensor(array) wraps the pinned array instead, which crashed
/// the trainer (a segmentation fault one run in three when loading a capture folder) and can feed it garbage.
/// </summary>
public class HostTensorsTests
{
    [Test]
    public void TheTensorHoldsACopyOfTheArray()
    {
        var values = new float[] { 1, 2, 3, 4, 5, 6 };
        using var t = HostTensors.From(values, 2, 3);
        values[0] = 99;
        Assert.Multiple(() =>
        {
            Assert.That(t.shape, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(t.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(t.data<float>().ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5, 6 }), "a later change of the array does not reach the tensor");
        });
        using var bytes = HostTensors.From(new byte[] { 7, 8 });
        using var longs = HostTensors.From(new long[] { 5 });
        Assert.That((bytes.dtype, longs.dtype), Is.EqualTo((ScalarType.Byte, ScalarType.Int64)));
        Assert.Throws<ArgumentException>(() => HostTensors.From(new float[5], 2, 3));
    }

    [Test]
    public void ManyTensorsMadeFromArraysUnderGarbageCollectionKeepTheirValues()
    {
        // The pattern that crashed with torch.tensor(array): make, copy, collect, thousands of times.
        var kept = new List<(Tensor Tensor, byte Mark)>();
        for (int i = 0; i < 600; i++)
        {
            var array = new byte[64 * 64 * 3];
            array[i % array.Length] = (byte)(i % 251 + 1);
            using var t = HostTensors.From(array, 64, 64, 3);
            kept.Add((t.permute(2, 0, 1).contiguous(), array[i % array.Length]));
            if (i % 40 == 0) GC.Collect();
        }
        Assert.That(kept.All(k => k.Tensor.max().item<byte>() == k.Mark), Is.True);
        foreach (var (t, _) in kept) t.Dispose();
    }

    /// <summary>The sources never wrap a managed array in a tensor (scalars, which libtorch copies, are fine).</summary>
    [Test]
    public void NoSourceFileWrapsAnArrayWithTorchTensor()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GdpoRealtime.sln"))) root = root.Parent;
        if (root is null) Assert.Ignore("The sources are not beside this test build (a packed test run): nothing to scan.");
        var wrapping = new Regex(@"(?<![\w.])(torch\.)?tensor\(\s*(new\s+\w+\s*\[|[A-Za-z_][\w.]*\s*[,()](?<!float\.\w+[,)]))");
        var offenders = new[] { "src", "demo" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root!.FullName, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.EndsWith("HostTensors.cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && wrapping.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(root!.FullName, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.That(offenders, Is.Empty, "use HostTensors.From, which copies");
    }
}
