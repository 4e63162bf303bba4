using System.Text.Json.Serialization;

namespace TBot.Perf.Ring;

/// <summary>What <c>tbot perf ring --json</c> writes. Throughputs are medians over the measured runs.</summary>
public sealed record RingPerfReport
{
    [JsonPropertyName("ring_1p1c_eps")] public double Ring1P1CEps { get; init; }
    [JsonPropertyName("ring_1p1c_avg_batch")] public double Ring1P1CAvgBatch { get; init; }
    [JsonPropertyName("ring_1p1c_regime")] public string Ring1P1CRegime { get; init; } = "";
    [JsonPropertyName("ring_pipeline3_eps")] public double RingPipeline3Eps { get; init; }
    [JsonPropertyName("ring_pipeline3_avg_batch")] public double RingPipeline3AvgBatch { get; init; }
    [JsonPropertyName("ring_pipeline3_regime")] public string RingPipeline3Regime { get; init; } = "";
    [JsonPropertyName("ring_pipeline3_fused")] public bool RingPipeline3Fused { get; init; }
    [JsonPropertyName("channels_1p1c_eps")] public double Channels1P1CEps { get; init; }
    [JsonPropertyName("ring_vs_channels")] public double RingVsChannels { get; init; }
    [JsonPropertyName("latency_ns")] public LatencyReport LatencyNs { get; init; } = new();
    [JsonPropertyName("allocated_bytes_per_event")] public double AllocatedBytesPerEvent { get; init; }
    [JsonPropertyName("events")] public long Events { get; init; }
    [JsonPropertyName("runs")] public int Runs { get; init; }
    [JsonPropertyName("ring_size")] public int RingSize { get; init; }
    [JsonPropertyName("cores")] public int Cores { get; init; }
    [JsonPropertyName("wait_strategy")] public string WaitStrategy { get; init; } = "";
    [JsonPropertyName("pinned")] public bool Pinned { get; init; }
    [JsonPropertyName("runtime")] public string Runtime { get; init; } = "";
    [JsonPropertyName("os")] public string Os { get; init; } = "";
    [JsonPropertyName("timestamp_utc")] public DateTime TimestampUtc { get; init; }
    [JsonPropertyName("samples")] public SamplesReport Samples { get; init; } = new();
    [JsonPropertyName("checks")] public IReadOnlyList<string> Checks { get; init; } = [];
}

/// <summary>Round-trip latency percentiles in nanoseconds.</summary>
public sealed record LatencyReport
{
    [JsonPropertyName("p50")] public long P50 { get; init; }
    [JsonPropertyName("p99")] public long P99 { get; init; }
    [JsonPropertyName("p999")] public long P999 { get; init; }
    [JsonPropertyName("max")] public long Max { get; init; }
    [JsonPropertyName("mean")] public double Mean { get; init; }
    [JsonPropertyName("count")] public long Count { get; init; }
}

/// <summary>Every measured run, so the spread behind each median is visible.</summary>
public sealed record SamplesReport
{
    [JsonPropertyName("ring_1p1c_eps")] public double[] Ring1P1CEps { get; init; } = [];
    [JsonPropertyName("ring_1p1c_avg_batch")] public double[] Ring1P1CAvgBatch { get; init; } = [];
    [JsonPropertyName("ring_pipeline3_eps")] public double[] RingPipeline3Eps { get; init; } = [];
    [JsonPropertyName("ring_pipeline3_avg_batch")] public double[] RingPipeline3AvgBatch { get; init; } = [];
    [JsonPropertyName("channels_1p1c_eps")] public double[] Channels1P1CEps { get; init; } = [];
}
