namespace TBot.Perf.Ring;

/// <summary>The event the ring benchmarks move: a value to sum and a timestamp for latency runs.</summary>
public struct PerfEvent
{
    public long Value;
    public long Timestamp;
    public long Stage;
}
