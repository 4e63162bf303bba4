using System.Text.Json.Serialization;

namespace TBot.Perf.Pipeline;

/// <summary>What <c>tbot perf pipeline --json</c> writes.</summary>
public sealed record PipelineResult
{
    [JsonPropertyName("events_per_sec")] public double EventsPerSec { get; init; }
    [JsonPropertyName("frames_per_sec")] public double FramesPerSec { get; init; }
    [JsonPropertyName("events")] public long Events { get; init; }
    [JsonPropertyName("frames")] public long Frames { get; init; }
    [JsonPropertyName("intents")] public long Intents { get; init; }
    [JsonPropertyName("orders")] public long Orders { get; init; }
    [JsonPropertyName("fills")] public long Fills { get; init; }
    [JsonPropertyName("risk_rejections")] public long RiskRejections { get; init; }
    /// <summary>Frame arrival → order handed to the gateway, over submissions (ns), in the paced phase.</summary>
    [JsonPropertyName("latency_ns")] public LatencySummary LatencyNs { get; init; } = new();
    /// <summary>Frames per second of the paced latency phase.</summary>
    [JsonPropertyName("latency_rate")] public int LatencyRate { get; init; }
    /// <summary>The same measure in the flat-out phase: mostly time spent queued in a full ring.</summary>
    [JsonPropertyName("saturated_latency_ns")] public LatencySummary? SaturatedLatencyNs { get; init; }
    /// <summary>All threads' allocations during the measured part, per event.</summary>
    [JsonPropertyName("allocated_bytes_per_event")] public double AllocatedBytesPerEvent { get; init; }
    [JsonPropertyName("gen0_collections")] public int Gen0Collections { get; init; }
    [JsonPropertyName("journal_medium")] public string JournalMedium { get; init; } = "";
    [JsonPropertyName("journal_bytes")] public long JournalBytes { get; init; }
    [JsonPropertyName("journal_fsyncs")] public long JournalFsyncs { get; init; }
    [JsonPropertyName("fsync_policy")] public string FsyncPolicy { get; init; } = "";
    [JsonPropertyName("flush_policy")] public string FlushPolicy { get; init; } = "";
    [JsonPropertyName("avg_batch")] public double AverageBatch { get; init; }
    [JsonPropertyName("threading")] public string Threading { get; init; } = "";
    [JsonPropertyName("workload")] public string Workload { get; init; } = "";
    [JsonPropertyName("cores")] public int Cores { get; init; }
    [JsonPropertyName("runtime")] public string Runtime { get; init; } = "";
    [JsonPropertyName("timestamp_utc")] public DateTime TimestampUtc { get; init; }
}

public sealed record LatencySummary
{
    [JsonPropertyName("p50")] public long P50 { get; init; }
    [JsonPropertyName("p99")] public long P99 { get; init; }
    [JsonPropertyName("p999")] public long P999 { get; init; }
    [JsonPropertyName("max")] public long Max { get; init; }
    [JsonPropertyName("count")] public long Count { get; init; }
}
