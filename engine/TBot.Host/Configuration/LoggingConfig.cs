using System.Text.Json.Serialization;

namespace TBot.Host.Configuration;

/// <summary>The <c>logging</c> section; <c>--log-format</c> wins over it.</summary>
public sealed class LoggingConfig
{
    public const string Text = "text";
    public const string Json = "json";

    /// <summary>"text" (single line, default) or "json" (one JSON object per line, with scopes).</summary>
    [JsonPropertyName("format")] public string Format { get; set; } = Text;

    public List<string> Problems() =>
        Format is Text or Json ? [] : [$"logging.format: '{Format}' is not text or json."];
}
