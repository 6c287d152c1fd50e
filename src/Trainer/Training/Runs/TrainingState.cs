using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.IO;

namespace GdpoRealtime.Trainer.Training.Runs;

/// <summary>
/// Everything a training run needs to continue exactly where it stopped: the step, the settings it was
/// started with, and named binary sections written by the stage (weights, optimizer moments, random
/// generator states). The file is written atomically and checked end to end:
/// <code>
///   "GDPORUN\n"        8 bytes of magic
///   format version     uint32 little-endian
///   header length      uint32 little-endian
///   header             UTF-8 JSON: stage, step, settings, section table
///   sections           the bytes of each section, in the table's order
///   SHA-256            32 bytes over everything before it
/// </code>
/// </summary>
public sealed class TrainingState
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "GDPORUN\n"u8.ToArray();
    private const int PreambleLength = 16;
    private const int ChecksumLength = 32;

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
        using var file = new MemoryStream();
        file.Write(Magic);
        Span<byte> numbers = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(numbers, FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(numbers[4..], (uint)header.Length);
        file.Write(numbers);
        file.Write(header);
        data.Position = 0;
        data.CopyTo(file);
        file.Write(SHA256.HashData(file.GetBuffer().AsSpan(0, (int)file.Length)));
        return file.ToArray();
    }

    public void Save(string path) => AtomicFile.WriteAllBytes(path, Serialize());

    public static TrainingState Load(string path)
    {
        if (!File.Exists(path))
            throw new CheckpointException($"There is no training state at '{path}' to resume from", "Start the run without --resume, or point --run-dir at the folder of the run to continue.");
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
        if (bytes.Length < PreambleLength + ChecksumLength || !bytes[..Magic.Length].SequenceEqual(Magic))
            throw new CheckpointException($"'{source}' is not a GdpoRealtime training state", "Point --run-dir at the folder of a run started by 'gdpo-sr train'.");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        if (version != FormatVersion)
            throw new CheckpointException($"Training state '{source}' has format version {version}; this build reads version {FormatVersion}", "Resume it with the version that wrote it, or start the run again.");
        int body = bytes.Length - ChecksumLength;
        if (!SHA256.HashData(bytes[..body]).AsSpan().SequenceEqual(bytes[body..]))
            throw new CheckpointException($"Training state '{source}' is corrupt or truncated (checksum mismatch)", "Resume from a copy, or start the run again.");
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
        if (headerLength > body - PreambleLength)
            throw new CheckpointException($"Training state '{source}' has a header longer than the file", "Start the run again.");
        Header header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(bytes.Slice(PreambleLength, (int)headerLength)) ?? throw new JsonException("empty header");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"Training state '{source}' has an unreadable header ({e.Message})", "Start the run again.", e);
        }
        int start = PreambleLength + (int)headerLength;
        var sections = new Dictionary<string, byte[]>();
        foreach (var entry in header.Sections)
        {
            if (entry.Offset < 0 || entry.Length < 0 || start + entry.Offset + entry.Length > body)
                throw new CheckpointException($"Training state '{source}' has a bad entry for section '{entry.Name}'", "Start the run again.");
            sections[entry.Name] = bytes.Slice(start + (int)entry.Offset, (int)entry.Length).ToArray();
        }
        return new TrainingState { Stage = header.Stage, Step = header.Step, Settings = header.Settings, Sections = sections };
    }
}
