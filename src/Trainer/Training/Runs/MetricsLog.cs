using System.Text;
using System.Text.Json;
using GdpoRealtime.Runtime.IO;

namespace GdpoRealtime.Trainer.Training.Runs;

/// <summary>One line of the metrics log: a step, its kind ("train" or "eval") and named values.</summary>
public sealed record MetricsRecord(long Step, string Kind, IReadOnlyDictionary<string, double> Values);

/// <summary>
/// The metrics of a run, one JSON object per line ({"step": 12, "kind": "train", "loss": 0.69, ...}), so a
/// run killed at any moment leaves every complete line readable. A resumed run first drops the lines
/// written after the step it resumes from, so the log reads as if the run had never stopped.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    private readonly StreamWriter writer;

    public MetricsLog(string path, long resumeStep = 0)
    {
        Path = path;
        if (resumeStep > 0 && File.Exists(path))
        {
            var kept = Read(path).Where(r => r.Step <= resumeStep).ToList();
            AtomicFile.Write(path, stream =>
            {
                using var rewrite = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                foreach (var record in kept) rewrite.WriteLine(Serialize(record));
            });
        }
        var mode = resumeStep > 0 ? FileMode.Append : FileMode.Create;
        writer = new StreamWriter(new FileStream(path, mode, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
    }

    public string Path { get; }

    public void Append(MetricsRecord record) => writer.WriteLine(Serialize(record));

    public static string Serialize(MetricsRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("step", record.Step);
            json.WriteString("kind", record.Kind);
            foreach (var (name, value) in record.Values)
            {
                if (double.IsFinite(value)) json.WriteNumber(name, value);
                else json.WriteNull(name);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Every complete record of a log; a torn last line (the run was killed mid-write) is skipped.</summary>
    public static List<MetricsRecord> Read(string path)
    {
        var records = new List<MetricsRecord>();
        if (!File.Exists(path)) return records;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
                foreach (var property in root.EnumerateObject())
                {
                    if (property.Name is "step" or "kind") continue;
                    values[property.Name] = property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetDouble() : double.NaN;
                }
                records.Add(new MetricsRecord(root.GetProperty("step").GetInt64(), root.GetProperty("kind").GetString() ?? "train", values));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // a line cut short by a kill
            }
        }
        return records;
    }

    public void Dispose() => writer.Dispose();
}
