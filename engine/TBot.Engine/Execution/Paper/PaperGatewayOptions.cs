namespace TBot.Engine.Execution.Paper;

/// <summary>How the <see cref="PaperGateway"/> simulates a venue. Read once by its constructor.</summary>
public sealed class PaperGatewayOptions
{
    /// <summary>One-way delay (ns) from <see cref="PaperGateway.Submit"/>/<see cref="PaperGateway.Cancel"/> to the
    /// simulated venue. 0 handles the request inside the call.</summary>
    public long LatencyNs { get; init; }

    /// <summary>Fee of a resting (maker) fill in basis points of its notional; negative for a rebate. At most 4 decimals.</summary>
    public decimal MakerFeeBps { get; init; }

    /// <summary>Fee of a marketable (taker) fill in basis points of its notional. At most 4 decimals.</summary>
    public decimal TakerFeeBps { get; init; }

    /// <summary>Share (bps, 1..10 000) of each displayed level and of each trade print that paper fills may take in
    /// total: 10 000 = all the displayed size, 5 000 = half of it.</summary>
    public int MaxFillFractionBps { get; init; } = 10_000;

    /// <summary>Resting orders the simulated venue holds at most (preallocated); a limit order that could rest
    /// beyond it is rejected.</summary>
    public int Capacity { get; init; } = 1024;

    /// <summary>Submissions and cancels in flight (latency) at most (preallocated).</summary>
    public int PendingCapacity { get; init; } = 4096;

    /// <summary>Price levels per instrument side whose taken size is remembered (preallocated). A level beyond it
    /// offers nothing until an earlier one is refreshed.</summary>
    public int TrackedLevelsPerSide { get; init; } = 64;

    internal void Validate()
    {
        if (LatencyNs < 0) throw new ArgumentOutOfRangeException(nameof(LatencyNs), LatencyNs, "latency cannot be negative");
        if (MaxFillFractionBps is < 1 or > 10_000) throw new ArgumentOutOfRangeException(nameof(MaxFillFractionBps), MaxFillFractionBps, "1..10000 bps");
        if (Capacity < 1) throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "at least 1");
        if (PendingCapacity < 1) throw new ArgumentOutOfRangeException(nameof(PendingCapacity), PendingCapacity, "at least 1");
        if (TrackedLevelsPerSide < 1) throw new ArgumentOutOfRangeException(nameof(TrackedLevelsPerSide), TrackedLevelsPerSide, "at least 1");
    }
}
