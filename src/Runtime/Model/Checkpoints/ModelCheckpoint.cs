using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.IO;

namespace GdpoRealtime.Runtime.Model.Checkpoints;

/// <summary>
/// The versioned checkpoint format of GdpoRealtime models (".gdpo"), in the project's <see cref="ChecksummedFile"/>
/// container: magic "GDPOSR\r\n" (the CR LF catches text-mode transfers); header: UTF-8 JSON of the architecture,
/// schedule, timesteps, training record and tensor table; payload: the tensors as float32 little-endian, in the
/// table's order.
/// The format is ours (not TorchSharp's own save) so that the file carries its architecture and history,
/// is checked end to end, and can be read without building a network first. Reading touches no TorchSharp type,
/// so a backend that must not load libtorch (vulkan-compute) reads checkpoints through it too.
/// </summary>
public static class ModelCheckpoint
{
    public const int FormatVersion = 1;
    public const string FileExtension = ".gdpo";
    private static readonly ChecksummedFile Container = new("Model file", "GDPOSR\r\n"u8.ToArray(), FormatVersion);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serialises the model's weights and settings with a training record.</summary>
    public static byte[] Serialize(NoiseAwareOneStepModel model, TrainingRecord training)
    {
        var entries = new List<TensorEntry>();
        var finiteness = new List<(string, long, long)>();
        using var data = new MemoryStream();
        foreach (var (name, shape, values) in model.ExportWeights())
        {
            finiteness.Add((name, NonFiniteWeights.Count(values), values.Length));
            var bytes = new byte[values.Length * sizeof(float)];
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
            entries.Add(new TensorEntry(name, shape, data.Position, bytes.Length));
            data.Write(bytes);
        }
        if (NonFiniteWeights.Describe(finiteness) is { } nonFinite)
            throw new CheckpointException($"The model was not written: its weights are not finite ({nonFinite})",
                "The training that made it diverged; lower its learning rate and train again, or keep the last model it wrote before.");
        var header = new CheckpointHeader
        {
            Architecture = model.Architecture,
            Schedule = new ScheduleSettings(model.Schedule.Steps, model.Schedule.BetaStart, model.Schedule.BetaEnd),
            Timesteps = new TimestepSettings(model.Timesteps.Add, model.Timesteps.Diff),
            Training = training,
            Tensors = entries,
        };
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        return Container.Write(headerBytes, file =>
        {
            data.Position = 0;
            data.CopyTo(file);
        });
    }

    /// <summary>Writes atomically: a temporary file in the same folder, flushed, then renamed over the target.</summary>
    public static void Save(string path, NoiseAwareOneStepModel model, TrainingRecord training) =>
        AtomicFile.WriteAllBytes(path, Serialize(model, training));

    /// <summary>Reads and checks a checkpoint file; the source name appears in every error.</summary>
    public static LoadedCheckpoint Load(string path)
    {
        if (!File.Exists(path))
            throw new CheckpointException($"Model file '{path}' does not exist", "Check the model path, or give none to use the built-in model.") { Setting = Settings.Model };
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"Model file '{path}' cannot be read: {e.Message}", "Check the file's permissions.", e);
        }
        return Parse(bytes, path);
    }

    public static LoadedCheckpoint Parse(ReadOnlySpan<byte> bytes, string source)
    {
        const string damaged = "Copy the file again or retrain it.";
        var contents = Container.Read(bytes, source, name => new CheckpointException($"'{name}' is not a GdpoRealtime model (no {FileExtension} signature)",
            $"Give a {FileExtension} model written by the trainer, or none to use the built-in model.") { Setting = Settings.Model }, damaged);
        CheckpointHeader header;
        try
        {
            header = JsonSerializer.Deserialize<CheckpointHeader>(contents.Header, Json)
                     ?? throw new JsonException("empty header");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"Model file '{source}' has an unreadable header ({e.Message})", "Copy the file again or retrain it.", e);
        }
        var data = contents.Payload;
        int dataLength = data.Length;
        var tensors = new Dictionary<string, (long[] Shape, float[] Values)>();
        var finiteness = new List<(string, long, long)>();
        foreach (var entry in header.Tensors)
        {
            long count = entry.Shape.Aggregate(1L, (a, b) => a * b);
            if (entry.Offset < 0 || entry.Length != count * 4 || entry.Offset + entry.Length > dataLength)
                throw new CheckpointException($"Model file '{source}' has a bad entry for tensor '{entry.Name}'", "Copy the file again or retrain it.");
            var values = new float[count];
            var span = data.Slice((int)entry.Offset, (int)entry.Length);
            for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(span[(i * 4)..]);
            tensors[entry.Name] = (entry.Shape, values);
            finiteness.Add((entry.Name, NonFiniteWeights.Count(values), values.Length));
        }
        if (NonFiniteWeights.Describe(finiteness) is { } nonFinite)
            throw new CheckpointException($"Model file '{source}' holds weights that are not finite ({nonFinite}): it would turn every image black",
                "It was written by a training run that diverged; train it again, or use a model that run wrote earlier.");
        return new LoadedCheckpoint(source, header.Architecture, header.Schedule, header.Timesteps, header.Training, tensors);
    }
}
