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

    /// <summary>Queue-position-aware limit fills (see FILL-MODEL.md): a resting order joins behind the displayed
    /// size at its price and fills only once that queue is consumed. Off by default (live paper trading keeps the
    /// optimistic model unless configured); on by default in backtests.</summary>
    public bool QueuePosition { get; init; }

    /// <summary>Bar model: market orders fill at the bar's open (or close) this many ticks worse.</summary>
    public int BarSlippageTicks { get; init; } = 1;

    /// <summary>Bar model: share (bps, 1..10 000) of a bar's volume our fills may take in total.</summary>
    public int BarVolumeFractionBps { get; init; } = 1_000;

    internal void Validate()
    {
        if (LatencyNs < 0) throw new ArgumentOutOfRangeException(nameof(LatencyNs), LatencyNs, "latency cannot be negative");
        if (MaxFillFractionBps is < 1 or > 10_000) throw new ArgumentOutOfRangeException(nameof(MaxFillFractionBps), MaxFillFractionBps, "1..10000 bps");
        if (Capacity < 1) throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "at least 1");
        if (PendingCapacity < 1) throw new ArgumentOutOfRangeException(nameof(PendingCapacity), PendingCapacity, "at least 1");
        if (BarSlippageTicks < 0) throw new ArgumentOutOfRangeException(nameof(BarSlippageTicks), BarSlippageTicks, "at least 0");
        if (BarVolumeFractionBps is < 1 or > 10_000) throw new ArgumentOutOfRangeException(nameof(BarVolumeFractionBps), BarVolumeFractionBps, "1..10000 bps");
        if (TrackedLevelsPerSide < 1) throw new ArgumentOutOfRangeException(nameof(TrackedLevelsPerSide), TrackedLevelsPerSide, "at least 1");
    }
}
