using System.Text.Json.Serialization;

namespace TBot.Host.Stores;

/// <summary>One store's projection in a run summary (<c>projections</c>).</summary>
public sealed record ProjectionReport
{
    /// <summary>Last journal position the store holds.</summary>
    [JsonPropertyName("applied")] public long Applied { get; init; }
    /// <summary>Journal records not yet in the store when the summary was taken.</summary>
    [JsonPropertyName("lag_events")] public long LagEvents { get; init; }
    /// <summary>Store errors retried during the run (outages show up here).</summary>
    [JsonPropertyName("failures")] public long Failures { get; init; }
    [JsonPropertyName("last_error")] public string? LastError { get; init; }
}
