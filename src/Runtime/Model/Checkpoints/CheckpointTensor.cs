namespace GdpoRealtime.Runtime.Model.Checkpoints;

/// <summary>One stored tensor of a checkpoint: float32 values in row-major order and its shape.</summary>
public sealed record CheckpointTensor(string Name, long[] Shape, float[] Values)
{
    /// <summary>The values, after checking the shape is <paramref name="expected"/>; the error names the tensor.</summary>
    public float[] ValuesOfShape(string source, params long[] expected)
    {
        if (!Shape.SequenceEqual(expected))
            throw new Errors.CheckpointException(
                $"Model file '{source}' has tensor '{Name}' of shape [{string.Join(",", Shape)}], expected [{string.Join(",", expected)}]",
                "The file was written by an incompatible build; retrain the model.");
        return Values;
    }
}
