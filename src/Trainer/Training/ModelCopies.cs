using GdpoRealtime.Runtime.Model;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Training;

/// <summary>Copies of a model, such as GDPO's frozen reference.</summary>
public static class ModelCopies
{
    /// <summary>A new model with the same architecture, schedule, timesteps and weights, on the same device and type.</summary>
    public static NoiseAwareOneStepModel Clone(NoiseAwareOneStepModel source)
    {
        var copy = new NoiseAwareOneStepModel(source.Architecture, source.Schedule, source.Timesteps).To(source.Device, source.DataType);
        CopyWeights(source, copy);
        return copy;
    }

    /// <summary>Copies every weight of <paramref name="source"/> into <paramref name="target"/> (same architecture).</summary>
    public static void CopyWeights(NoiseAwareOneStepModel source, NoiseAwareOneStepModel target)
    {
        if (source.Architecture != target.Architecture)
            throw new ArgumentException("Weights can only be copied between models of one architecture.", nameof(target));
        var from = source.Network.state_dict();
        using (no_grad())
            foreach (var (name, tensor) in target.Network.state_dict()) tensor.copy_(from[name]);
        target.InvalidateFoldedTimestep();
    }

    /// <summary>Stops gradients and training mode: the frozen reference of GDPO.</summary>
    public static NoiseAwareOneStepModel Freeze(NoiseAwareOneStepModel model)
    {
        foreach (var parameter in model.Network.parameters()) parameter.requires_grad = false;
        model.Network.eval();
        return model;
    }
}
