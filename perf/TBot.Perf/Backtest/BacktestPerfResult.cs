using System.Text.Json.Serialization;

namespace TBot.Perf.Backtest;

/// <summary>What <c>tbot perf backtest --json</c> writes (best of the runs for each mode).</summary>
public sealed record BacktestPerfResult
{
    [JsonPropertyName("events")] public long Events { get; init; }
    /// <summary>Journal reading + k-way merge only.</summary>
    [JsonPropertyName("merge_events_per_sec")] public double MergeEventsPerSec { get; init; }
    /// <summary>Merge + timers + trading core (sample bots, risk, orders, paper gateway with queue model) on one thread.</summary>
    [JsonPropertyName("single_thread_events_per_sec")] public double SingleThreadEventsPerSec { get; init; }
    /// <summary>As <c>tbot backtest</c> runs: the feeder thread publishes into a ring, the trading thread consumes.</summary>
    [JsonPropertyName("ring_events_per_sec")] public double RingEventsPerSec { get; init; }
    /// <summary>Allocated bytes per event on the single thread, after the first leaf buffers (steady state).</summary>
    [JsonPropertyName("allocated_bytes_per_event")] public double AllocatedBytesPerEvent { get; init; }
    [JsonPropertyName("gen0_collections")] public int Gen0Collections { get; init; }
    [JsonPropertyName("orders")] public long Orders { get; init; }
    [JsonPropertyName("fills")] public long Fills { get; init; }
    [JsonPropertyName("runs")] public int Runs { get; init; }
    [JsonPropertyName("data")] public string Data { get; init; } = "";
    [JsonPropertyName("cores")] public int Cores { get; init; }
    [JsonPropertyName("runtime")] public string Runtime { get; init; } = "";
    [JsonPropertyName("timestamp_utc")] public DateTime TimestampUtc { get; init; }
}
