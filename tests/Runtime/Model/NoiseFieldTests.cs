using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;
using GdpoRealtime.Tests.Support;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Runtime.Model;

public class NoiseFieldTests
{
    private NoiseAwareOneStepModel model = null!;
    private Tensor lowRes = null!;

    [SetUp]
    public void CreateModel()
    {
        model = new NoiseAwareOneStepModel(new ModelArchitecture { Channels = 8, ResidualBlocks = 1 });
        model.Network.eval();
        NoiseAwareOneStepModelTests.RandomiseTail(model);
        manual_seed(7);
        lowRes = rand(1, 3, 16, 20);
    }

    [TearDown]
    public void DisposeModel()
    {
        model.Dispose();
        lowRes.Dispose();
    }

    private Tensor Run(long seed, double strength)
    {
        using var field = new NoiseField(seed, strength);
        return new ImageInference(model, field).Upscale(lowRes);
    }

    [Test]
    public void SameSeedGivesTheSameOutput()
    {
        using var a = Run(42, 1.0);
        using var b = Run(42, 1.0);
        Assert.That(Tensors.BitEqual(a, b), Is.True);
    }

    [Test]
    public void AnotherSeedGivesAnotherOutput()
    {
        using var a = Run(42, 1.0);
        using var b = Run(43, 1.0);
        Assert.That(Tensors.MaxAbsDifference(a, b), Is.GreaterThan(1e-3));
    }

    [Test]
    public void StrengthZeroIsIdenticalForAllSeeds()
    {
        using var a = Run(1, 0.0);
        using var b = Run(2, 0.0);
        using var c = Run(999, 0.0);
        Assert.That(Tensors.BitEqual(a, b) && Tensors.BitEqual(a, c), Is.True);
    }

    [Test]
    public void TheFieldIsFixedAcrossFramesOfOneSize()
    {
        using var field = new NoiseField(5, 0.5);
        var first = field.For(model.LatentShape(16, 20), CPU, ScalarType.Float32)!;
        var second = field.For(model.LatentShape(16, 20), CPU, ScalarType.Float32)!;
        Assert.That(ReferenceEquals(first, second), Is.True, "one field per size, not one per frame");
        Assert.That(first.std().item<float>(), Is.EqualTo(0.5).Within(0.05));
    }

    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void StrengthOutsideTheUnitIntervalIsRefused(double strength)
    {
        Assert.Throws<InvalidSettingException>(() => new NoiseField(0, strength));
    }
}

public class GaussianNoiseTests
{
    [Test]
    public void AWindowHoldsTheValuesOfTheWholeFieldAtItsPosition()
    {
        var whole = GaussianNoise.Window(11, 1.0, 3, 0, 0, 40, 50);
        var window = GaussianNoise.Window(11, 1.0, 3, 7, 13, 20, 25);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 20; y++)
                for (int x = 0; x < 25; x++)
                    Assert.That(window[(c * 20 + y) * 25 + x], Is.EqualTo(whole[(c * 40 + y + 7) * 50 + x + 13]));
    }

    [Test]
    public void TheValuesAreStandardNormalAndUncorrelatedWithTheirNeighbours()
    {
        var values = GaussianNoise.Window(3, 1.0, 2, 0, 0, 300, 300);
        double mean = values.Average(v => (double)v);
        double variance = values.Average(v => (v - mean) * (v - mean));
        double neighbour = 0;
        for (int i = 0; i + 1 < values.Length; i++) neighbour += (values[i] - mean) * (values[i + 1] - mean);
        neighbour /= (values.Length - 1) * variance;
        double tail = values.Count(v => Math.Abs(v) > 1.96) / (double)values.Length;
        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(0).Within(0.01));
            Assert.That(variance, Is.EqualTo(1).Within(0.01));
            Assert.That(neighbour, Is.EqualTo(0).Within(0.01));
            Assert.That(tail, Is.EqualTo(0.05).Within(0.003), "two-sided 5% tail of a standard normal");
            Assert.That(values.All(float.IsFinite), Is.True);
        });
    }

    [Test]
    public void SeedsAndStrengthsGiveTheirOwnFields()
    {
        var a = GaussianNoise.Window(1, 1.0, 1, 0, 0, 8, 8);
        var b = GaussianNoise.Window(2, 1.0, 1, 0, 0, 8, 8);
        var half = GaussianNoise.Window(1, 0.5, 1, 0, 0, 8, 8);
        Assert.That(a.Zip(b).Count(p => p.First == p.Second), Is.Zero);
        Assert.That(a.Zip(half).All(p => Math.Abs(p.First * 0.5f - p.Second) < 1e-6), Is.True);
    }

    [TestCase(0.3)]
    [TestCase(0.77)]
    [TestCase(0.5)]
    [TestCase(0.0)]
    public void TheStrengthScalesTheFloatFieldInFloatAsADeviceDoes(double strength)
    {
        var unit = GaussianNoise.Window(4, 1.0, 2, 0, 0, 30, 40);
        var scaled = GaussianNoise.Window(4, strength, 2, 0, 0, 30, 40);
        Assert.That(scaled, Is.EqualTo(unit.Select(v => v * (float)strength).ToArray()), "one window per seed serves every strength, bit for bit");
        using var tensor = HostTensors.From(unit, unit.Length);
        tensor.mul_(strength);
        Assert.That(tensor.data<float>().ToArray(), Is.EqualTo(scaled), "libtorch's float32 scaling gives the same values");
    }

    [Test]
    public void ASequentialFillEqualsTheParallelWindow()
    {
        var parallel = GaussianNoise.Window(5, 0.7, 4, 3, 9, 17, 23);
        var sequential = new float[parallel.Length];
        GaussianNoise.Fill(sequential, 5, 0.7, 4, 3, 9, 17, 23);
        Assert.That(sequential, Is.EqualTo(parallel));
    }

    [Test]
    public void AFreshWindowEqualsTheCachedOneAtTheSamePlace()
    {
        using var field = new NoiseField(12, 0.8);
        var shape = new long[] { 1, 12, 7, 9 };
        var cached = field.For(shape, 30, 41, CPU, ScalarType.Float32)!;
        using var fresh = field.Window(shape, 30, 41, CPU, ScalarType.Float32)!;
        Assert.That(Tensors.BitEqual(cached, fresh), Is.True, "made in place, in parallel, with the same values");
        Assert.That(ReferenceEquals(cached, fresh), Is.False, "a tile's window belongs to the caller");
        Assert.That(new NoiseField(12, 0).Window(shape, 0, 0, CPU, ScalarType.Float32), Is.Null);
    }
}
