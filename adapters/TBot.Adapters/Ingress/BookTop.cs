using System.Text.Json.Serialization;

namespace TBot.Adapters.Ingress;

/// <summary>Best bid/ask of an instrument for reports, as decimal strings (never floating point).</summary>
public sealed record BookTop(
    [property: JsonPropertyName("bid")] string? Bid,
    [property: JsonPropertyName("ask")] string? Ask,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("state")] string State);
