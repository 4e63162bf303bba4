using System.Text.Json;

namespace TBot.Host.Dashboard;

/// <summary>How the feed writes JSON: snake_case property names (as <c>/health</c>), nulls kept so the page can clear a field.</summary>
public static class DashboardJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary><c>{"type": type, "data": payload}</c> as UTF-8.</summary>
    public static byte[] Envelope(string type, object payload)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, payload, payload.GetType(), Options);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary><c>{"type":"snapshot","items":[message, ...]}</c>: every current message, each as it would arrive alone.</summary>
    public static byte[] Snapshot(IEnumerable<ReadOnlyMemory<byte>> messages)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "snapshot");
            writer.WriteStartArray("items");
            foreach (var m in messages) writer.WriteRawValue(m.Span, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
