using System.Text.Json.Serialization;

namespace TBot.Adapters.History;

/// <summary>
/// Missing data found while cleaning: trade ids (<c>sequence_gap</c>, <see cref="Missing"/> ids between
/// <see cref="AfterId"/> and <see cref="BeforeId"/>) or klines (<see cref="Missing"/> bars between the two open
/// times). Times are ISO 8601 UTC of the records on either side of the hole.
/// </summary>
public sealed record CatalogGap
{
    [JsonPropertyName("from")] public string From { get; init; } = "";
    [JsonPropertyName("to")] public string To { get; init; } = "";
    [JsonPropertyName("reason")] public string Reason { get; init; } = "sequence_gap";
    [JsonPropertyName("missing")] public long Missing { get; init; }
    [JsonPropertyName("after_id")] public long AfterId { get; init; }
    [JsonPropertyName("before_id")] public long BeforeId { get; init; }
}
