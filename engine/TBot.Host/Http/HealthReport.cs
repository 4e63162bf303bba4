using System.Text.Json.Serialization;
using TBot.Host.Stores;

namespace TBot.Host.Http;

/// <summary>The body of <c>GET /health</c>.</summary>
public sealed record HealthReport
{
    /// <summary>ok, degraded (a connection down, a book not live, a store failing), starting, stopping or failed.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    /// <summary>Why the status is not ok, one line each.</summary>
    [JsonPropertyName("problems")] public IReadOnlyList<string> Problems { get; init; } = [];
    [JsonPropertyName("uptime_s")] public double UptimeSeconds { get; init; }
    [JsonPropertyName("venues")] public SortedDictionary<string, VenueHealth> Venues { get; init; } = [];
    [JsonPropertyName("ring")] public RingHealth? Ring { get; init; }
    [JsonPropertyName("journal")] public JournalHealth? Journal { get; init; }
    [JsonPropertyName("projections")] public SortedDictionary<string, ProjectionReport> Projections { get; init; } = [];
}

/// <summary>One venue in <see cref="HealthReport"/>: its WebSocket connections and book states.</summary>
public sealed record VenueHealth
{
    /// <summary>up when every connection is open, else down.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("connections")] public IReadOnlyList<ConnectionHealthReport> Connections { get; init; } = [];
    [JsonPropertyName("reconnects")] public long Reconnects { get; init; }
    [JsonPropertyName("resyncs")] public long Resyncs { get; init; }
    /// <summary>Instrument → awaiting_snapshot, buffering, live or stale.</summary>
    [JsonPropertyName("books")] public SortedDictionary<string, string> Books { get; init; } = [];
}

public sealed record ConnectionHealthReport(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("connects")] long Connects);

public sealed record RingHealth(
    [property: JsonPropertyName("published")] long Published,
    [property: JsonPropertyName("processed")] long Processed,
    [property: JsonPropertyName("capacity")] int Capacity);

public sealed record JournalHealth(
    [property: JsonPropertyName("last_position")] long LastPosition,
    [property: JsonPropertyName("bytes_written")] long BytesWritten,
    [property: JsonPropertyName("fsyncs")] long Fsyncs,
    [property: JsonPropertyName("last_fsync_us")] double LastFsyncMicroseconds,
    [property: JsonPropertyName("faulted")] bool Faulted);
