using System.Text.Json.Serialization;

namespace TBot.Perf.Store;

/// <summary>What <c>tbot perf store --json</c> writes. A number is null when its part did not run; <see cref="Skipped"/>
/// says why (never a made-up value).</summary>
public sealed record StorePerfResult
{
    /// <summary>market_data rows/s through the history projection's binary COPY (one transaction, scratch database).</summary>
    [JsonPropertyName("copy_rows_per_sec")] public double? CopyRowsPerSec { get; init; }
    [JsonPropertyName("copy_rows")] public long? CopyRows { get; init; }
    /// <summary>The scratch database (created, migrated, dropped) and the schema path it took.</summary>
    [JsonPropertyName("postgres_scratch_database")] public string? PostgresScratchDatabase { get; init; }
    [JsonPropertyName("postgres_schema_path")] public string? PostgresSchemaPath { get; init; }

    /// <summary>Hot-cache SETs/s as RedisHotCache sends them (MULTI/EXEC per journal batch, a distinct key per record so
    /// nothing coalesces; counts the data SETs, not the one checkpoint SET per batch).</summary>
    [JsonPropertyName("redis_ops_per_sec")] public double? RedisOpsPerSec { get; init; }
    [JsonPropertyName("redis_sets")] public long? RedisSets { get; init; }
    /// <summary>Plain SET key value EX 5, pipelined from one connection (windows of 8192 in flight): the client/server ceiling.</summary>
    [JsonPropertyName("redis_raw_set_ops_per_sec")] public double? RedisRawSetOpsPerSec { get; init; }
    /// <summary>The same updates into the in-process cache (same view and JSON, no network): the CPU part of a hot-cache SET.</summary>
    [JsonPropertyName("memory_set_ops_per_sec")] public double? MemorySetOpsPerSec { get; init; }

    /// <summary>Journal records/s caught up by ProjectionRunner + JournalTail into the in-process cache.</summary>
    [JsonPropertyName("catchup_events_per_sec")] public double CatchUpEventsPerSec { get; init; }
    /// <summary>The same journal into RedisHotCache (default options: publishing fills).</summary>
    [JsonPropertyName("catchup_events_per_sec_redis")] public double? CatchUpEventsPerSecRedis { get; init; }
    [JsonPropertyName("catchup_events")] public long CatchUpEvents { get; init; }
    [JsonPropertyName("catchup_journal_bytes")] public long CatchUpJournalBytes { get; init; }
    [JsonPropertyName("catchup_journal_write_events_per_sec")] public double CatchUpJournalWriteEventsPerSec { get; init; }

    /// <summary>Tick-to-intent p99 (ns) of the paced pipeline run with nothing tailing its journal (median over the rounds).</summary>
    [JsonPropertyName("hot_p99_ns_off")] public long HotP99NsOff { get; init; }
    /// <summary>The same, with the projections tailing the journal live during the run (median over the rounds).</summary>
    [JsonPropertyName("hot_p99_ns_on")] public long HotP99NsOn { get; init; }
    [JsonPropertyName("hot_p99_ratio")] public double HotP99Ratio { get; init; }
    /// <summary>p99 / p50 with the projections in a separate <c>nice -n 10 tbot project</c> process (median of the rounds).</summary>
    [JsonPropertyName("hot_p99_ns_on_external")] public long? HotP99NsOnExternal { get; init; }
    [JsonPropertyName("hot_p50_ns_on_external")] public long? HotP50NsOnExternal { get; init; }
    [JsonPropertyName("hot_p99_ns_on_external_rounds")] public long[]? HotP99NsOnExternalRounds { get; init; }
    [JsonPropertyName("hot_p99_ratio_external")] public double? HotP99RatioExternal { get; init; }
    [JsonPropertyName("hot_external_projections")] public IReadOnlyList<string> HotExternalProjections { get; init; } = [];
    /// <summary>The external projector's lag when stopped after it caught up (0 expected) and its store errors.</summary>
    [JsonPropertyName("hot_external_end_lag_events")] public long? HotExternalEndLagEvents { get; init; }
    [JsonPropertyName("hot_external_failures")] public long? HotExternalFailures { get; init; }
    /// <summary>A third run with only the in-process cache tailing (the embedded default), when Redis or PostgreSQL was
    /// given (otherwise that is what <see cref="HotP99NsOn"/> measures).</summary>
    [JsonPropertyName("hot_p99_ns_on_memory_only")] public long? HotP99NsOnMemoryOnly { get; init; }
    [JsonPropertyName("hot_p50_ns_off")] public long HotP50NsOff { get; init; }
    [JsonPropertyName("hot_p50_ns_on")] public long HotP50NsOn { get; init; }
    [JsonPropertyName("hot_p999_ns_off")] public long HotP999NsOff { get; init; }
    [JsonPropertyName("hot_p999_ns_on")] public long HotP999NsOn { get; init; }
    /// <summary>Interleaved rounds of the paced runs; the latencies above are medians over them, these are every round's p99.</summary>
    [JsonPropertyName("hot_rounds")] public int HotRounds { get; init; }
    [JsonPropertyName("hot_p99_ns_off_rounds")] public IReadOnlyList<long> HotP99NsOffRounds { get; init; } = [];
    [JsonPropertyName("hot_p99_ns_on_rounds")] public IReadOnlyList<long> HotP99NsOnRounds { get; init; } = [];
    [JsonPropertyName("hot_p99_ns_on_memory_only_rounds")] public IReadOnlyList<long>? HotP99NsOnMemoryOnlyRounds { get; init; }
    [JsonPropertyName("hot_latency_rate")] public int HotLatencyRate { get; init; }
    [JsonPropertyName("hot_latency_frames")] public int HotLatencyFrames { get; init; }
    /// <summary>The projections that tailed the journal in the "on" run.</summary>
    [JsonPropertyName("hot_projections")] public IReadOnlyList<string> HotProjections { get; init; } = [];
    /// <summary>Largest lag (journal records not yet applied) seen by sampling every 100 ms during the "on" runs.</summary>
    [JsonPropertyName("hot_projection_max_lag_events")] public long HotProjectionMaxLagEvents { get; init; }
    /// <summary>Store errors the tailing projections hit (each retried) during the "on" runs.</summary>
    [JsonPropertyName("hot_projection_failures")] public long HotProjectionFailures { get; init; }

    /// <summary>Field name → why it is null.</summary>
    [JsonPropertyName("skipped")] public IReadOnlyDictionary<string, string> Skipped { get; init; } = new Dictionary<string, string>();
    /// <summary>1-minute load average before and after the run (other processes share the cores).</summary>
    [JsonPropertyName("load_average_start")] public double? LoadAverageStart { get; init; }
    [JsonPropertyName("load_average_end")] public double? LoadAverageEnd { get; init; }
    [JsonPropertyName("cores")] public int Cores { get; init; }
    [JsonPropertyName("runtime")] public string Runtime { get; init; } = "";
    [JsonPropertyName("timestamp_utc")] public DateTime TimestampUtc { get; init; }
}
