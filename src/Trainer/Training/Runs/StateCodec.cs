using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Training.Runs;

/// <summary>
/// Writes and reads the pieces of a training state bit for bit: tensors (through a CPU copy, so a state
/// written on a GPU loads anywhere), module weights and buffers, AdamW moments and step counts, and
/// random generator states. Hand-written because TorchSharp's own optimizer loading writes into tensors
/// through their CPU bytes, which fails for tensors on a GPU.
/// </summary>
public static class StateCodec
{
    public static void WriteTensor(BinaryWriter writer, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().cpu().contiguous();
        writer.Write((int)cpu.dtype);
        writer.Write(cpu.shape.Length);
        foreach (var size in cpu.shape) writer.Write(size);
        var bytes = cpu.bytes;
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Reads a tensor written by <see cref="WriteTensor"/> into an existing one of the same type and shape, on its device.</summary>
    public static void ReadTensorInto(BinaryReader reader, Tensor target, string what)
    {
        using var loaded = ReadTensor(reader);
        if (loaded.dtype != target.dtype || !loaded.shape.SequenceEqual(target.shape))
            throw new CheckpointException($"Training state has {what} of {loaded.dtype} [{string.Join(",", loaded.shape)}], expected {target.dtype} [{string.Join(",", target.shape)}]",
                "The run was started with another architecture; start it again or resume with the same settings.");
        using (no_grad()) target.copy_(loaded);
    }

    public static Tensor ReadTensor(BinaryReader reader)
    {
        var type = (ScalarType)reader.ReadInt32();
        int rank = reader.ReadInt32();
        var shape = new long[rank];
        for (int i = 0; i < rank; i++) shape[i] = reader.ReadInt64();
        int length = reader.ReadInt32();
        var bytes = reader.ReadBytes(length);
        var result = empty(shape, type);
        if (result.bytes.Length != length)
        {
            result.Dispose();
            throw new CheckpointException($"Training state has a tensor of {length} bytes for shape [{string.Join(",", shape)}]", "The state is damaged; start the run again.");
        }
        result.bytes = bytes;
        return result;
    }

    /// <summary>Every parameter and buffer of a module, by name. Refuses weights that are not finite: no state holding them is written.</summary>
    public static void WriteModule(BinaryWriter writer, nn.Module module)
    {
        var state = module.state_dict();
        RequireFinite(state, "The training state was not written", "Lower the learning rate and resume from the last training state, or start the run again.");
        writer.Write(state.Count);
        foreach (var (name, tensor) in state)
        {
            writer.Write(name);
            WriteTensor(writer, tensor);
        }
    }

    public static void ReadModule(BinaryReader reader, nn.Module module, string what)
    {
        var state = module.state_dict();
        int count = reader.ReadInt32();
        if (count != state.Count)
            throw new CheckpointException($"Training state holds {count} tensors for the {what}, which has {state.Count}", "Resume with the settings the run was started with.");
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            if (!state.TryGetValue(name, out var target))
                throw new CheckpointException($"Training state holds '{name}', which the {what} lacks", "Resume with the settings the run was started with.");
            ReadTensorInto(reader, target, $"{what} tensor '{name}'");
        }
        RequireFinite(state, $"The training state's {what} weights are not finite", "The state was written by a run that diverged; start the run again.");
    }

    private static void RequireFinite(IDictionary<string, Tensor> state, string cause, string fix)
    {
        var counts = state.Select(p =>
        {
            using var scope = NewDisposeScope();
            return (p.Key, p.Value.numel() - p.Value.detach().isfinite().count_nonzero().item<long>(), p.Value.numel());
        }).ToList();
        if (NonFiniteWeights.Describe(counts) is { } nonFinite)
            throw new CheckpointException($"{cause} ({nonFinite})", fix);
    }

    /// <summary>AdamW's per-parameter step counts and moment estimates (its hyper-parameters are set by the trainer each step).</summary>
    public static void WriteAdamW(BinaryWriter writer, optim.Optimizer optimizer)
    {
        var states = AdamWStates(optimizer);
        writer.Write(states.Count);
        foreach (var state in states)
        {
            writer.Write(state.step);
            WriteTensor(writer, state.exp_avg);
            WriteTensor(writer, state.exp_avg_sq);
        }
    }

    public static void ReadAdamW(BinaryReader reader, optim.Optimizer optimizer, string what)
    {
        var states = AdamWStates(optimizer);
        int count = reader.ReadInt32();
        if (count != states.Count)
            throw new CheckpointException($"Training state holds {count} optimizer entries for the {what}, which has {states.Count}", "Resume with the settings the run was started with.");
        foreach (var state in states)
        {
            state.step = reader.ReadInt64();
            ReadTensorInto(reader, state.exp_avg, $"{what} optimizer moment");
            ReadTensorInto(reader, state.exp_avg_sq, $"{what} optimizer moment");
        }
    }

    private static List<AdamW.State> AdamWStates(optim.Optimizer optimizer)
    {
        if (optimizer is not OptimizerHelper helper)
            throw new ArgumentException("Only TorchSharp's own optimizers keep a state dictionary.", nameof(optimizer));
        return helper.state_dict().State.Select(s => s as AdamW.State
            ?? throw new ArgumentException($"Expected AdamW state, got {s.GetType().Name}.", nameof(optimizer))).ToList();
    }

    public static void WriteGenerator(BinaryWriter writer, Generator generator)
    {
        using var state = generator.get_state();
        WriteTensor(writer, state);
    }

    public static void ReadGenerator(BinaryReader reader, Generator generator)
    {
        using var state = ReadTensor(reader);
        generator.set_state(state);
    }
}
