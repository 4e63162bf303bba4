using Microsoft.Extensions.Logging;

namespace TBot.Engine.Tests.Infrastructure;

/// <summary>An <see cref="ILogger"/> that keeps every entry in memory, and echoes it to the current xunit test's output
/// when there is one. Safe to call from any thread, including after the test ended.</summary>
public sealed class ListLogger : ILogger
{
    private readonly List<LogEntry> _entries = [];
    private readonly ITestOutputHelper? _output = TestContext.Current.TestOutputHelper;

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries) return _entries.ToArray();
        }
    }

    public IReadOnlyList<LogEntry> At(LogLevel level)
    {
        var result = new List<LogEntry>();
        foreach (var e in Entries)
            if (e.Level == level) result.Add(e);
        return result;
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = new Dictionary<string, object?>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            foreach (var pair in pairs) properties[pair.Key] = pair.Value;
        var entry = new LogEntry(logLevel, formatter(state, exception), exception, properties);
        lock (_entries) _entries.Add(entry);
        try
        {
            _output?.WriteLine($"[{logLevel}] {entry.Message}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");
        }
        catch (InvalidOperationException)
        {
            // The test that owned the output helper has finished; the entry is still in the list.
        }
    }

    public override string ToString()
    {
        var lines = new List<string>();
        foreach (var e in Entries) lines.Add($"[{e.Level}] {e.Message}");
        return string.Join(Environment.NewLine, lines);
    }
}

public sealed record LogEntry(LogLevel Level, string Message, Exception? Exception, IReadOnlyDictionary<string, object?> Properties);
