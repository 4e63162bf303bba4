namespace TBot.Adapters.RateLimiting;

/// <summary>
/// Where a venue budget's limit state lives. Today only <see cref="InProcessRateBudgetStore"/> exists; the seam
/// is here so that several processes on one host can later share one budget (a Redis store running the same
/// GCRA check-and-commit in one Lua script, on the server's clock). Implementations must make
/// <see cref="TryConsume"/> atomic over all charges: either every limit is charged or none.
/// </summary>
public interface IRateBudgetStore
{
    /// <summary>Add a limit; returns its slot.</summary>
    int Register(RateLimitRule rule);

    /// <summary>Replace a limit's numbers, keeping what is currently used.</summary>
    void Reconfigure(int slot, RateLimitRule rule, long nowNs);

    RateLimitRule RuleAt(int slot);

    /// <summary>
    /// Charge every limit or none. False while the budget is blocked (penalty box) or when any limit would be
    /// exceeded; <paramref name="retryAfterNs"/> is then the time until the request would conform.
    /// </summary>
    bool TryConsume(ReadOnlySpan<RateCharge> charges, long nowNs, out long retryAfterNs);

    /// <summary>Usage reported by the venue (e.g. X-MBX-USED-WEIGHT-1M); only ever makes the limit stricter.</summary>
    void ObserveUsage(int slot, long used, long nowNs);

    /// <summary>Units currently taken from the limit in <paramref name="slot"/>.</summary>
    long Used(int slot, long nowNs);

    /// <summary>Refuse everything until <paramref name="untilNs"/> (a later block wins; an earlier one is ignored).</summary>
    void BlockUntil(long untilNs);

    /// <summary>Monotonic time until which the budget is blocked (in the past when not blocked).</summary>
    long BlockedUntilNs { get; }
}
