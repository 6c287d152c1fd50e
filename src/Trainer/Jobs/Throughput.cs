namespace GdpoRealtime.Trainer.Jobs;

/// <summary>Throughput of the steps one invocation ran (a resumed run counts only its own).</summary>
public sealed record Throughput(double StepsPerSecond, double SamplesPerSecond, int Steps, double Seconds)
{
    public override string ToString() =>
        $"{StepsPerSecond:0.00} steps/s, {SamplesPerSecond:0.0} samples/s over {Steps} steps ({Seconds:0} s)";

    /// <param name="samples">What a sample is in this stage ("crops", "candidates"), for the figure's name.</param>
    public IReadOnlyDictionary<string, double> Figures(string samples) => new Dictionary<string, double>
    {
        ["throughput_steps_per_second"] = Math.Round(StepsPerSecond, 3),
        [$"throughput_{samples}_per_second"] = Math.Round(SamplesPerSecond, 2),
    };
}
