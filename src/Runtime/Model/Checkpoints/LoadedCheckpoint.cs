using GdpoRealtime.Runtime.Errors;
using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Runtime.Model.Checkpoints;

/// <summary>
/// A checkpoint read and checked, ready to become a model (<see cref="CreateModel"/>, through TorchSharp) or to be
/// read as plain arrays (<see cref="Tensor"/>, <see cref="CreateSchedule"/>: no TorchSharp type is touched).
/// </summary>
public sealed class LoadedCheckpoint
{
    private readonly IReadOnlyDictionary<string, (long[] Shape, float[] Values)> tensors;
    private readonly ScheduleSettings schedule;
    private readonly TimestepSettings timesteps;

    internal LoadedCheckpoint(string source, ModelArchitecture architecture, ScheduleSettings schedule,
        TimestepSettings timesteps, TrainingRecord training, IReadOnlyDictionary<string, (long[] Shape, float[] Values)> tensors)
    {
        Source = source;
        Architecture = architecture;
        this.schedule = schedule;
        this.timesteps = timesteps;
        Training = training;
        this.tensors = tensors;
    }

    public string Source { get; }
    public ModelArchitecture Architecture { get; }
    public TrainingRecord Training { get; }
    public Timesteps Timesteps => new(timesteps.Add, timesteps.Diff);

    /// <summary>The names of the stored tensors.</summary>
    public IReadOnlyCollection<string> TensorNames => tensors.Keys.ToList();

    /// <summary>A stored tensor as float32 values (row-major) with its shape; the error names the file and the tensor.</summary>
    public CheckpointTensor Tensor(string name)
    {
        if (!tensors.TryGetValue(name, out var stored))
            throw new CheckpointException($"Model file '{Source}' has no tensor '{name}' (it holds {string.Join(", ", tensors.Keys)})",
                "The file was written by an incompatible build; retrain the model.");
        return new CheckpointTensor(name, stored.Shape, stored.Values);
    }

    /// <summary>The file's architecture, checked; the error names the file.</summary>
    public ModelArchitecture ValidatedArchitecture()
    {
        try { Architecture.Validate(); }
        catch (InvalidSettingException e)
        {
            throw new CheckpointException($"Model file '{Source}' describes an unsupported network: {e.Cause}", e.Fix, e);
        }
        return Architecture;
    }

    /// <summary>The file's noise schedule, checked; the error names the file.</summary>
    public DiffusionSchedule CreateSchedule()
    {
        DiffusionSchedule diffusion;
        try { diffusion = new DiffusionSchedule(schedule.Steps, schedule.BetaStart, schedule.BetaEnd); }
        catch (ArgumentException e)
        {
            throw new CheckpointException($"Model file '{Source}' has an invalid noise schedule ({e.Message})", "Retrain the model.", e);
        }
        try { Timesteps.Validate(diffusion); }
        catch (InvalidSettingException e)
        {
            throw new CheckpointException($"Model file '{Source}' has invalid timesteps: {e.Cause}", e.Fix, e);
        }
        return diffusion;
    }

    /// <summary>Builds the network the file describes and loads its weights (on the CPU, float32).</summary>
    public NoiseAwareOneStepModel CreateModel()
    {
        ValidatedArchitecture();
        var diffusion = CreateSchedule();
        var model = new NoiseAwareOneStepModel(Architecture, diffusion, Timesteps);
        try
        {
            LoadWeightsInto(model);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Copies the weights into a model of the same architecture.</summary>
    public void LoadWeightsInto(NoiseAwareOneStepModel model)
    {
        if (model.Architecture != Architecture)
            throw new CheckpointException(
                $"Model file '{Source}' holds a {Describe(Architecture)} network, but a {Describe(model.Architecture)} one was expected",
                "Use a model trained for this architecture and scale.");
        var state = model.Network.state_dict();
        var missing = state.Keys.Except(tensors.Keys).ToList();
        var extra = tensors.Keys.Except(state.Keys).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new CheckpointException(
                $"Model file '{Source}' does not match its declared architecture (missing: {string.Join(", ", missing.DefaultIfEmpty("none"))}; unexpected: {string.Join(", ", extra.DefaultIfEmpty("none"))})",
                "The file was written by an incompatible build; retrain the model.");
        using (no_grad())
        {
            foreach (var (name, target) in state)
            {
                var (shape, values) = tensors[name];
                if (!shape.SequenceEqual(target.shape))
                    throw new CheckpointException(
                        $"Model file '{Source}' has tensor '{name}' of shape [{string.Join(",", shape)}], expected [{string.Join(",", target.shape)}]",
                        "The file was written by an incompatible build; retrain the model.");
                using var source = HostTensors.From(values, shape);
                target.copy_(source);
            }
        }
        model.InvalidateFoldedTimestep();
    }

    internal static string Describe(ModelArchitecture a) =>
        $"x{a.Scale} {a.Kind} ({a.Channels} channels, {a.ResidualBlocks} blocks)";
}
