using System.Text.Json;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.IO;

namespace GdpoRealtime.Trainer.Training.Runs;

/// <summary>
/// Everything a training run needs to continue exactly where it stopped: the step, the settings it was
/// started with, and named binary sections written by the stage (weights, optimizer moments, random
/// generator states). The file is written atomically and checked end to end, in the project's
/// <see cref="ChecksummedFile"/> container: magic "GDPORUN\n"; header: UTF-8 JSON of the stage, step, settings and
/// section table; payload: the bytes of each section, in the table's order.
/// </summary>
public sealed class TrainingState
{
    public const int FormatVersion = 1;
    private static readonly ChecksummedFile Container = new("Training state", "GDPORUN\n"u8.ToArray(), FormatVersion);

    public required string Stage { get; init; }
    public required long Step { get; init; }

    /// <summary>The settings the run was started with (JSON), so a resume with other settings is caught.</summary>
    public required string Settings { get; init; }

    public Dictionary<string, byte[]> Sections { get; init; } = new();

    public byte[] Section(string name) => Sections.TryGetValue(name, out var bytes) ? bytes
        : throw new CheckpointException($"Training state of stage '{Stage}' has no section '{name}'", "It was written by another version; start the run again.");

    /// <summary>Adds a section written through a <see cref="BinaryWriter"/>.</summary>
    public void Write(string name, Action<BinaryWriter> write)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true)) write(writer);
        Sections[name] = memory.ToArray();
    }

    /// <summary>Reads a section through a <see cref="BinaryReader"/>, checking it was read to its end.</summary>
    public void Read(string name, Action<BinaryReader> read)
    {
        using var memory = new MemoryStream(Section(name));
        using var reader = new BinaryReader(memory);
        read(reader);
        if (memory.Position != memory.Length)
            throw new CheckpointException($"Training state section '{name}' has {memory.Length - memory.Position} unread bytes", "It was written by another version; start the run again.");
    }

    private sealed record Header(string Stage, long Step, string Settings, List<SectionEntry> Sections);

    private sealed record SectionEntry(string Name, long Offset, long Length);

    public byte[] Serialize()
    {
        var entries = new List<SectionEntry>();
        using var data = new MemoryStream();
        foreach (var (name, bytes) in Sections.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            entries.Add(new SectionEntry(name, data.Position, bytes.Length));
            data.Write(bytes);
        }
        byte[] header = JsonSerializer.SerializeToUtf8Bytes(new Header(Stage, Step, Settings, entries));
        return Container.Write(header, file =>
        {
            data.Position = 0;
            data.CopyTo(file);
        });
    }

    public void Save(string path) => AtomicFile.WriteAllBytes(path, Serialize());

    public static TrainingState Load(string path)
    {
        if (!File.Exists(path))
            throw new CheckpointException($"There is no training state at '{path}' to resume from", "Start the run afresh (not resuming), or give the run folder of the run to continue.") { Setting = Runtime.Errors.Settings.RunFolder };
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"Training state '{path}' cannot be read: {e.Message}", "Check the file's permissions.", e);
        }
        return Parse(bytes, path);
    }

    public static TrainingState Parse(ReadOnlySpan<byte> bytes, string source)
    {
        var contents = Container.Read(bytes, source, name => new CheckpointException($"'{name}' is not a GdpoRealtime training state",
            "Give the run folder of a run the trainer started.") { Setting = Runtime.Errors.Settings.RunFolder }, "Resume from a copy, or start the run again.");
        Header header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(contents.Header) ?? throw new JsonException("empty header");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"Training state '{source}' has an unreadable header ({e.Message})", "Start the run again.", e);
        }
        var payload = contents.Payload;
        var sections = new Dictionary<string, byte[]>();
        foreach (var entry in header.Sections)
        {
            if (entry.Offset < 0 || entry.Length < 0 || entry.Offset + entry.Length > payload.Length)
                throw new CheckpointException($"Training state '{source}' has a bad entry for section '{entry.Name}'", "Start the run again.");
            sections[entry.Name] = payload.Slice((int)entry.Offset, (int)entry.Length).ToArray();
        }
        return new TrainingState { Stage = header.Stage, Step = header.Step, Settings = header.Settings, Sections = sections };
    }
}
