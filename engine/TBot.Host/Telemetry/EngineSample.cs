namespace TBot.Host.Telemetry;

/// <summary>Counters and levels of one venue at one instant.</summary>
public readonly record struct VenueSample(long Frames, long Accepted, long Rejected, long BytesReceived, long BytesSent);

/// <summary>
/// The engine's counters and levels at one instant, read by <see cref="EngineSampler"/>. Counters are cumulative
/// since start (the aggregate takes differences); levels (backlog, lag, memory) are as of the instant.
/// </summary>
public sealed record EngineSample
{
    public DateTime TimeUtc { get; init; }
    /// <summary>Monotonic seconds (rates are taken over these, not over the wall clock).</summary>
    public double Seconds { get; init; }
    public IReadOnlyDictionary<string, VenueSample> Venues { get; init; } = new Dictionary<string, VenueSample>();
    public long RingPublished { get; init; }
    public long RingBacklog { get; init; }
    public long ProducerWaits { get; init; }
    public double ProducerWaitSeconds { get; init; }
    /// <summary>Largest lag (journal records) over the stores.</summary>
    public long ProjectionLag { get; init; }
    public long OrdersSubmitted { get; init; }
    public long Fills { get; init; }
    public long RiskRejections { get; init; }
    public double CpuSeconds { get; init; }
    public long WorkingSetBytes { get; init; }
    public long ManagedHeapBytes { get; init; }
    public long Gen0Collections { get; init; }
    public long Gen1Collections { get; init; }
    public long Gen2Collections { get; init; }
    public long AllocatedBytes { get; init; }
    public double GcPauseSeconds { get; init; }
}
