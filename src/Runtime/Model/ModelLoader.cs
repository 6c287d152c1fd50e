using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model.Checkpoints;

namespace GdpoRealtime.Runtime.Model;

/// <summary>Finds the model to run: a checkpoint file, or the built-in default for the scale.</summary>
public static class ModelLoader
{
    /// <param name="path">A .gdpo file, or null for the built-in default.</param>
    /// <param name="scale">The scale asked for, or null to take the model's own (x2 for the default).</param>
    public static LoadedCheckpoint Find(string? path, ScaleFactor? scale)
    {
        if (path is null) return DefaultModels.Load(scale ?? ScaleFactor.X2);
        var checkpoint = ModelCheckpoint.Load(path);
        if (scale is { } asked && checkpoint.Architecture.Scale != asked)
            throw new CheckpointException(
                $"Model file '{path}' upscales x{checkpoint.Architecture.Scale}, but x{asked} was asked for",
                $"Ask for no scale to use the model's own, or give a model trained for x{asked}.") { Setting = Settings.Scale };
        return checkpoint;
    }

    public static NoiseAwareOneStepModel Load(string? path, ScaleFactor? scale) => Find(path, scale).CreateModel();
}
