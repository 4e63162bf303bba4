namespace TBot.Adapters.RateLimiting;

/// <summary>
/// The budget state in this process: GCRA limits behind one lock per venue. The lock is held for a few
/// compares and adds (no allocation, no I/O), so contention between the few threads that send requests is short.
/// </summary>
public sealed class InProcessRateBudgetStore : IRateBudgetStore
{
    private readonly Lock _lock = new();
    private GcraLimit[] _limits = new GcraLimit[8];
    private int _count;
    private long _blockedUntilNs = long.MinValue;

    public int Register(RateLimitRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_lock)
        {
            if (_count == _limits.Length) Array.Resize(ref _limits, _count * 2);
            _limits[_count] = new GcraLimit(rule);
            return _count++;
        }
    }

    public void Reconfigure(int slot, RateLimitRule rule, long nowNs)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_lock) Limit(slot).Reconfigure(rule, nowNs);
    }

    public RateLimitRule RuleAt(int slot)
    {
        lock (_lock) return Limit(slot).Rule;
    }

    public bool TryConsume(ReadOnlySpan<RateCharge> charges, long nowNs, out long retryAfterNs)
    {
        lock (_lock)
        {
            if (_blockedUntilNs > nowNs)
            {
                retryAfterNs = _blockedUntilNs - nowNs;
                return false;
            }
            // Check all first, commit only if all conform: a linked request never half-consumes.
            long wait = 0;
            for (var i = 0; i < charges.Length; i++)
            {
                var limit = Limit(charges[i].Slot);
                if (charges[i].Cost > limit.Rule.Burst)
                    throw new InvalidOperationException($"A weight of {charges[i].Cost} can never pass {limit.Rule} (burst {limit.Rule.Burst}).");
                wait = Math.Max(wait, limit.WaitNs(charges[i].Cost, nowNs));
            }
            if (wait > 0)
            {
                retryAfterNs = wait;
                return false;
            }
            for (var i = 0; i < charges.Length; i++) _limits[charges[i].Slot].Commit(charges[i].Cost, nowNs);
            retryAfterNs = 0;
            return true;
        }
    }

    public void ObserveUsage(int slot, long used, long nowNs)
    {
        lock (_lock) Limit(slot).RaiseUsage(used, nowNs);
    }

    public long Used(int slot, long nowNs)
    {
        lock (_lock) return Limit(slot).Used(nowNs);
    }

    public void BlockUntil(long untilNs)
    {
        lock (_lock)
        {
            if (untilNs > _blockedUntilNs) _blockedUntilNs = untilNs;
        }
    }

    public long BlockedUntilNs
    {
        get
        {
            lock (_lock) return _blockedUntilNs;
        }
    }

    private GcraLimit Limit(int slot) =>
        (uint)slot < (uint)_count ? _limits[slot] : throw new ArgumentOutOfRangeException(nameof(slot), $"No limit in slot {slot}.");
}
