using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TBot.Host.Analytics;

/// <summary>The analytics JSON settings, shared by the CLI file and the HTTP answer so both have the same shape.</summary>
public static class AnalyticsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(AnalyticsReport report) => JsonSerializer.Serialize(report, Options);
}
