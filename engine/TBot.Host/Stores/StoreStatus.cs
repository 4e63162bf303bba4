using System.Text.Json.Serialization;

namespace TBot.Host.Stores;

/// <summary>What <c>tbot db status --json</c> writes.</summary>
public sealed record StoreStatus
{
    [JsonPropertyName("journal")] public JournalEnd? Journal { get; init; }
    [JsonPropertyName("postgres")] public PostgresStatus? Postgres { get; init; }
    [JsonPropertyName("redis")] public RedisStatus? Redis { get; init; }
}

public sealed record JournalEnd
{
    [JsonPropertyName("directory")] public string Directory { get; init; } = "";
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("last_position")] public long LastPosition { get; init; }
}

public sealed record PostgresStatus
{
    [JsonPropertyName("version")] public int Version { get; init; }
    [JsonPropertyName("latest_version")] public int LatestVersion { get; init; }
    /// <summary>timescaledb or native (null before the first migration).</summary>
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("current")] public bool Current { get; init; }
    [JsonPropertyName("migrations")] public List<string> Migrations { get; init; } = [];
    [JsonPropertyName("checkpoints")] public List<CheckpointStatus> Checkpoints { get; init; } = [];
    [JsonPropertyName("error")] public string? Error { get; init; }
}

public sealed record RedisStatus
{
    [JsonPropertyName("checkpoints")] public List<CheckpointStatus> Checkpoints { get; init; } = [];
    [JsonPropertyName("error")] public string? Error { get; init; }
}

public sealed record CheckpointStatus
{
    [JsonPropertyName("projection")] public string Projection { get; init; } = "";
    [JsonPropertyName("position")] public long Position { get; init; }
    [JsonPropertyName("updated_utc")] public DateTime? UpdatedUtc { get; init; }
    /// <summary>Records of the given journal not in the store yet (only for this journal's checkpoints).</summary>
    [JsonPropertyName("lag_events")] public long? LagEvents { get; init; }
}
