namespace TBot.Adapters.RateLimiting;

/// <summary>
/// One limit enforced with GCRA (equivalently a token bucket): <see cref="Rate"/> units per
/// <see cref="Interval"/> sustained, at most <see cref="Burst"/> units at once. In any window of length
/// <see cref="Interval"/> — sliding or fixed — at most <see cref="MaxPerWindow"/> = Burst + Rate − 1 units pass,
/// so a venue limit "N per interval" is honoured by any split with Burst + Rate − 1 ≤ N (see <see cref="Window"/>).
/// </summary>
public sealed record RateLimitRule
{
    public RateLimitRule(string name, RateLimitKind kind, long rate, TimeSpan interval, long burst)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "The interval must be positive.");
        Name = name;
        Kind = kind;
        Rate = rate;
        Interval = interval;
        Burst = burst;
    }

    /// <summary>Unique within a budget, e.g. "REQUEST_WEIGHT:1M", "WS_MESSAGES:1S#3".</summary>
    public string Name { get; init; }

    public RateLimitKind Kind { get; init; }

    /// <summary>Units that drain per <see cref="Interval"/>.</summary>
    public long Rate { get; init; }

    public TimeSpan Interval { get; init; }

    /// <summary>Units that may be taken at once from an idle limit; also the largest single weight accepted.</summary>
    public long Burst { get; init; }

    /// <summary>The most units that can pass in any window of length <see cref="Interval"/>.</summary>
    public long MaxPerWindow => Burst + Rate - 1;

    /// <summary>
    /// "At most <paramref name="limit"/> per <paramref name="interval"/>", whichever way the venue counts the
    /// window: <paramref name="burstShare"/> of it may go at once, the rest drains evenly. GCRA cannot mirror
    /// a fixed window exactly, so this trades sustained throughput (about half the limit at the default share)
    /// for never tripping the venue's counter.
    /// </summary>
    public static RateLimitRule Window(string name, RateLimitKind kind, long limit, TimeSpan interval, double burstShare = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (!(burstShare > 0 && burstShare <= 1)) throw new ArgumentOutOfRangeException(nameof(burstShare), "The burst share must be in (0, 1].");
        var burst = Math.Clamp((long)Math.Round(limit * burstShare, MidpointRounding.AwayFromZero), 1, limit);
        return new RateLimitRule(name, kind, limit - burst + 1, interval, burst);
    }

    public override string ToString() => $"{Name}: {Rate}/{Interval} burst {Burst} ({Kind})";
}
