using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace TBot.Host.Commands;

/// <summary>Console logging for commands: to stderr so that tables on stdout stay clean; single-line text, or one JSON
/// object per line (<c>--log-format json</c>: the console's JSON formatter, with scopes, UTC ISO 8601 timestamps).</summary>
public static class CliLogging
{
    /// <summary>The format for loggers built without one (the HTTP host's); set once by <c>tbot run</c> from its
    /// flag or configuration before anything logs.</summary>
    public static string DefaultFormat { get; set; } = Configuration.LoggingConfig.Text;

    public static ILoggerFactory Create(LogLevel minimum = LogLevel.Information) =>
        LoggerFactory.Create(b => Configure(b, minimum));

    public static ILoggerFactory Create(LogLevel minimum, string format) =>
        LoggerFactory.Create(b => Configure(b, minimum, format));

    /// <summary>The same console logging on a builder (the HTTP host's).</summary>
    public static ILoggingBuilder Configure(ILoggingBuilder builder, LogLevel minimum = LogLevel.Information) =>
        Configure(builder, minimum, DefaultFormat);

    public static ILoggingBuilder Configure(ILoggingBuilder builder, LogLevel minimum, string format)
    {
        builder.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (format == Configuration.LoggingConfig.Json)
            builder.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        else
            builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        return builder.SetMinimumLevel(minimum);
    }
}
