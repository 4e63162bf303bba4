using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace TBot.Host.Commands;

/// <summary>Console logging for commands: single-line, to stderr so that tables on stdout stay clean.</summary>
public static class CliLogging
{
    public static ILoggerFactory Create(LogLevel minimum = LogLevel.Information) =>
        LoggerFactory.Create(b => Configure(b, minimum));

    /// <summary>The same console logging on a builder (the HTTP host's).</summary>
    public static ILoggingBuilder Configure(ILoggingBuilder builder, LogLevel minimum = LogLevel.Information) => builder
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        })
        .SetMinimumLevel(minimum);
}
