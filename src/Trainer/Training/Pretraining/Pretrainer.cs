using System.Diagnostics;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Data;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Training.Pretraining;

/// <summary>Stage 1: trains the noise-aware one-step model on pairs with a reconstruction loss.</summary>
public sealed class Pretrainer(NoiseAwareOneStepModel model, IPairSource data, PretrainSettings settings, ILogger logger)
{
    /// <summary>Runs the whole schedule; <paramref name="onStep"/> sees every step's loss.</summary>
    public void Run(CancellationToken cancel = default, Action<int, double>? onStep = null)
    {
        settings.Validate();
        var random = new TrainingRandom(settings.Seed);
        using var noiseGenerator = new Generator(settings.Seed ^ 0x5DEECE66DUL);
        using var optimizer = optim.AdamW(model.Network.parameters(), settings.LearningRate, weight_decay: settings.WeightDecay);
        var watch = Stopwatch.StartNew();
        model.Network.train();
        for (int step = 1; step <= settings.Steps; step++)
        {
            cancel.ThrowIfCancellationRequested();
            double lr = CosineLearningRate(step);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
            double loss = Step(optimizer, random, noiseGenerator);
            onStep?.Invoke(step, loss);
            if (step % 100 == 0 || step == settings.Steps)
            {
                double rate = step / watch.Elapsed.TotalSeconds;
                var eta = TimeSpan.FromSeconds((settings.Steps - step) / Math.Max(rate, 1e-9));
                logger.LogInformation("step {Step}/{Steps}  loss {Loss:F5}  lr {Lr:E2}  {Rate:F2} steps/s  ETA {Eta:hh\\:mm\\:ss}",
                    step, settings.Steps, loss, lr, rate, eta);
            }
        }
        model.Network.eval();
        model.InvalidateFoldedTimestep();
    }

    private double Step(optim.Optimizer optimizer, TrainingRandom random, Generator noiseGenerator)
    {
        using var scope = NewDisposeScope();
        using var batch = data.NextBatch(settings.BatchSize, settings.LowResCrop, random).To(model.Device);
        var lowRes = batch.LowRes.to(model.DataType);
        var highRes = batch.HighRes.to(model.DataType);
        var shape = model.LatentShape((int)lowRes.shape[2], (int)lowRes.shape[3]);
        shape[0] = lowRes.shape[0];
        var strengths = rand(new long[] { shape[0], 1, 1, 1 }, generator: noiseGenerator)
            .mul_(settings.NoiseStrengthMax - settings.NoiseStrengthMin).add_(settings.NoiseStrengthMin);
        var noise = randn(shape, generator: noiseGenerator).mul_(strengths).to(model.Device).to(model.DataType);
        var biases = model.Network.TimestepBiases(model.Timesteps.Diff);
        var latent = model.GenerateLatent(lowRes, noise, biases);
        var estimate = SpaceToDepthLatent.Decode(latent, model.Scale.Numerator);
        var loss = Losses.L1(estimate, highRes) + Losses.Gradient(estimate, highRes) * settings.GradientWeight;
        optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(model.Network.parameters(), 1.0);
        optimizer.step();
        return loss.item<float>();
    }

    private double CosineLearningRate(int step)
    {
        int warmup = Math.Min(100, settings.Steps / 10);
        if (step <= warmup) return settings.LearningRate * step / Math.Max(1, warmup);
        double progress = (step - warmup) / (double)Math.Max(1, settings.Steps - warmup);
        return settings.LearningRate * (0.05 + 0.95 * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
