namespace TBot.Perf.Ring;

/// <summary>Ping-pong round-trip latency, nanoseconds.</summary>
public readonly record struct LatencyResult(long Count, long P50, long P99, long P999, long Max, double Mean, long AllocatedBytes);
