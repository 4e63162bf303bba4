using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// A logger wrapper for everything that touches signed requests: each message (and exception text) is rendered,
/// then scrubbed of the API key, the secret and any <c>signature=…</c> value before it reaches the real logger.
/// Structured state is flattened to the scrubbed text; the price of never leaking a credential through a URL.
/// </summary>
internal sealed partial class RedactingLogger(ILogger inner, BinanceCredentials credentials) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel)) return;
        var text = Scrub(formatter(state, exception));
        if (exception is not null) text += " | " + exception.GetType().Name + ": " + Scrub(exception.Message);
        // The exception object is not passed on: its message or inner ones may carry a request URL.
        inner.Log(logLevel, eventId, text, null, static (s, _) => s);
    }

    internal string Scrub(string text) => SignaturePattern().Replace(credentials.Scrub(text), "signature=[redacted]");

    [GeneratedRegex("signature=[^&\\s\"']*", RegexOptions.CultureInvariant)]
    private static partial Regex SignaturePattern();
}
