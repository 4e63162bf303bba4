using Microsoft.Extensions.Logging;

namespace TBot.Adapters.Tests.Connections;

/// <summary>Writes log lines to the current test's output (and keeps them) so failures show what the loops did.</summary>
internal sealed class TestLogger : ILogger
{
    private readonly ITestOutputHelper? _output = TestContext.Current.TestOutputHelper;
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"[{logLevel}] {formatter(state, exception)}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}";
        lock (_lines) _lines.Add(line);
        try
        {
            _output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test already finished.
        }
    }
}
