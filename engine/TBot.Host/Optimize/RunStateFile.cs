using System.Text.Json;

namespace TBot.Host.Optimize;

/// <summary>
/// The resume file: one JSON line per finished backtest, appended and flushed as each finishes, so an interrupted
/// optimisation loses at most the runs in flight. A torn last line (the process died mid-write) is ignored.
/// </summary>
public sealed class RunStateFile : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly Dictionary<(string Context, string Parameters), RunRecord> _done = [];
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public RunStateFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { } dir) Directory.CreateDirectory(dir);
        var endsWithNewline = true;
        if (File.Exists(Path))
        {
            var text = File.ReadAllText(Path);
            endsWithNewline = text.Length == 0 || text[^1] == '\n';
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try
                {
                    if (JsonSerializer.Deserialize<RunRecord>(line, Json) is { Context.Length: > 0 } r) _done[(r.Context, r.Parameters)] = r;
                }
                catch (JsonException)
                {
                    // a torn line from an interrupted write: that run is simply done again
                }
            }
        }
        _writer = new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read));
        if (!endsWithNewline) _writer.WriteLine();
    }

    public string Path { get; }

    /// <summary>Records read from the file when it was opened.</summary>
    public int Loaded => _done.Count;

    public bool TryGet(string context, string parameters, out RunRecord record)
    {
        lock (_gate) return _done.TryGetValue((context, parameters), out record!);
    }

    public void Append(RunRecord record)
    {
        lock (_gate)
        {
            _done[(record.Context, record.Parameters)] = record;
            _writer.WriteLine(JsonSerializer.Serialize(record, Json));
            _writer.Flush();
        }
    }

    public void Dispose() => _writer.Dispose();
}
