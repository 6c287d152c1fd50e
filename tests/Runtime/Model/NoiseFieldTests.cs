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
        return new ImageUpscaler(model, field).Upscale(lowRes);
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
