namespace TBot.Adapters.RateLimiting;

/// <summary>
/// GCRA state of one <see cref="RateLimitRule"/>: a theoretical arrival time (TAT) that moves forward by the
/// emission interval τ = Interval / Rate for every unit taken. A request of <c>c</c> units conforms at
/// <c>now</c> when <c>max(TAT, now) + c·τ − Burst·τ ≤ now</c>. All times are monotonic nanoseconds.
/// Not thread-safe: the store serialises access.
/// </summary>
internal sealed class GcraLimit
{
    private long _emissionNs;
    private long _toleranceNs;
    private long _tat = long.MinValue / 4;

    public GcraLimit(RateLimitRule rule)
    {
        Rule = rule;
        Configure(rule);
    }

    public RateLimitRule Rule { get; private set; }

    /// <summary>Nanoseconds until <paramref name="cost"/> units conform (0 = now).</summary>
    public long WaitNs(long cost, long nowNs)
    {
        var newTat = Math.Max(_tat, nowNs) + cost * _emissionNs;
        var allowAt = newTat - _toleranceNs;
        return allowAt <= nowNs ? 0 : allowAt - nowNs;
    }

    public void Commit(long cost, long nowNs) => _tat = Math.Max(_tat, nowNs) + cost * _emissionNs;

    /// <summary>Units currently "in the bucket" (taken and not yet drained).</summary>
    public long Used(long nowNs)
    {
        var outstanding = _tat - nowNs;
        return outstanding <= 0 ? 0 : (outstanding + _emissionNs - 1) / _emissionNs;
    }

    /// <summary>
    /// The venue says <paramref name="used"/> units of its window are taken: never believe we have more room.
    /// TAT = now + used·τ (not capped at the burst) leaves at most MaxPerWindow − used units for the next
    /// interval — the venue's window may not reset before then. Only ever raises TAT.
    /// </summary>
    public void RaiseUsage(long used, long nowNs)
    {
        if (used <= 0) return;
        var target = nowNs + Math.Min(used, long.MaxValue / 8 / _emissionNs) * _emissionNs;
        if (target > _tat) _tat = target;
    }

    /// <summary>New numbers (e.g. from exchangeInfo), keeping the units currently used.</summary>
    public void Reconfigure(RateLimitRule rule, long nowNs)
    {
        var used = Used(nowNs);
        Rule = rule;
        Configure(rule);
        _tat = used == 0 ? long.MinValue / 4 : nowNs + used * _emissionNs;
    }

    private void Configure(RateLimitRule rule)
    {
        var intervalNs = Clock.ToNs(rule.Interval);
        // Round τ up: the limit can only get stricter, never looser, by rounding.
        _emissionNs = Math.Max(1, (intervalNs + rule.Rate - 1) / rule.Rate);
        _toleranceNs = checked(rule.Burst * _emissionNs);
        if (_toleranceNs > long.MaxValue / 8) throw new ArgumentOutOfRangeException(nameof(rule), "Burst × interval/rate is too large.");
    }
}
