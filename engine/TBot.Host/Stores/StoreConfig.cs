using System.Text.Json.Serialization;

namespace TBot.Host.Stores;

/// <summary>The <c>stores</c> section of the configuration file. Connection strings may also come from
/// <c>--redis</c>/<c>--postgres</c> (first) or <c>TBOT_REDIS</c>/<c>TBOT_POSTGRES</c> (last).</summary>
public sealed class StoreConfig
{
    /// <summary>StackExchange.Redis syntax, e.g. <c>127.0.0.1:6379,password=..</c>; several endpoints for a cluster.</summary>
    [JsonPropertyName("redis")] public string? Redis { get; set; }

    /// <summary>Npgsql syntax, e.g. <c>Host=127.0.0.1;Username=tbot;Password=..;Database=tbot</c>.</summary>
    [JsonPropertyName("postgres")] public string? Postgres { get; set; }

    /// <summary>Apply pending migrations when the engine starts (default true; <c>tbot db migrate</c> does it by hand).</summary>
    [JsonPropertyName("migrateOnStart")] public bool MigrateOnStart { get; set; } = true;

    /// <summary>At shutdown the projections get to reach the journal's end; they are stopped once none has made
    /// progress for this long (a store that is down; it catches up at the next start).</summary>
    [JsonPropertyName("drainSeconds")] public double DrainSeconds { get; set; } = 10;

    /// <summary>Native path only (TimescaleDB has its own policy): market_data days older than this are dropped
    /// by the engine's maintenance; 0 keeps everything.</summary>
    [JsonPropertyName("retentionDays")] public int RetentionDays { get; set; } = 90;
}
