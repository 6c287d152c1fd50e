using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Runtime.Model;

public class NoiseAwareOneStepModelTests
{
    [Test]
    public void X0RecoveryInvertsNoisingExactlyWhenTheTrueNoiseIsPredicted()
    {
        using var model = new NoiseAwareOneStepModel(new ModelArchitecture());
        manual_seed(3);
        using var latent = randn(2, 12, 8, 8, dtype: ScalarType.Float64);
        using var noise = randn(2, 12, 8, 8, dtype: ScalarType.Float64);
        foreach (int t in new[] { 100, 250, 600 })
        {
            using var noisy = model.AddNoise(latent, noise, t);
            using var recovered = model.RecoverLatent(noisy, noise, t);
            Assert.That(Tensors.MaxAbsDifference(recovered, latent), Is.LessThan(1e-12), $"t = {t}");
        }
    }

    [Test]
    public void SkipFormSatisfiesTheMethodsEquations()
    {
        // eps^ is derived from the correction g so that x0 recovery at t_diff gives z + g exactly.
        using var model = new NoiseAwareOneStepModel(new ModelArchitecture());
        RandomiseTail(model);
        manual_seed(4);
        using var lowRes = rand(1, 3, 12, 16);
        using var z = model.UpsampledLatent(lowRes);
        using var eps = randn(z.shape);
        using var noisy = model.AddNoise(z, eps, model.Timesteps.Add);
        using var c = model.Condition(lowRes);
        using var biases = model.Network.TimestepBiases(model.Timesteps.Diff);
        using var predicted = model.PredictNoise(noisy, z, c, biases, model.Timesteps.Diff);
        using var viaEquations = model.RecoverLatent(noisy, predicted, model.Timesteps.Diff);
        using var direct = model.GenerateLatent(lowRes, eps, biases);
        Assert.That(Tensors.MaxAbsDifference(viaEquations, direct), Is.LessThan(1e-4));
        Assert.That(Tensors.MaxAbsDifference(direct, z), Is.GreaterThan(1e-3), "a randomised network must change the latent");
    }

    [Test]
    public void UntrainedNetworkReproducesBicubicExactly()
    {
        using var model = new NoiseAwareOneStepModel(new ModelArchitecture());
        manual_seed(5);
        using var lowRes = rand(1, 3, 10, 14);
        using var noise = randn(model.LatentShape(10, 14));
        using var output = model.Upscale(lowRes, noise);
        using var bicubic = Resampling.Bicubic(lowRes, 20, 28);
        Assert.That(Tensors.MaxAbsDifference(output, bicubic), Is.LessThan(1e-5));
    }

    [TestCase(3, 2, 12, 16)]
    [TestCase(2, 1, 9, 13)]
    [TestCase(3, 1, 9, 13)]
    [TestCase(4, 1, 9, 13)]
    public void EveryScaleRunsWithoutChangingTheModel(int p, int q, int h, int w)
    {
        var scale = new ScaleFactor(p, q);
        using var model = new NoiseAwareOneStepModel(ModelArchitecture.For(scale, channels: 8, residualBlocks: 1));
        RandomiseTail(model);
        using var lowRes = rand(1, 3, h, w);
        using var output = model.Upscale(lowRes, null);
        Assert.That(output.shape, Is.EqualTo(new long[] { 1, 3, h * p / q, w * p / q }));
    }

    [Test]
    public void NetworkSizeIsReported()
    {
        var architecture = new ModelArchitecture();
        using var model = new NoiseAwareOneStepModel(architecture);
        long convolutionWeights = architecture.MacsPerGridCell; // one weight per MAC per cell
        Assert.That(model.Network.ParameterCount, Is.GreaterThan(convolutionWeights));
        Assert.That(architecture.GigaFlopsPerFrame(1920, 1080), Is.EqualTo(2.0 * architecture.MacsPerGridCell * 960 * 540 / 1e9).Within(1e-9));
    }

    internal static void RandomiseTail(NoiseAwareOneStepModel model)
    {
        using var _ = no_grad();
        manual_seed(11);
        foreach (var (name, parameter) in model.Network.named_parameters())
            if (name.StartsWith("tail", StringComparison.Ordinal)) parameter.copy_(randn(parameter.shape) * 0.05);
        model.InvalidateFoldedTimestep();
    }
}
