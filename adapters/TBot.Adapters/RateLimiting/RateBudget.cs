using TBot.Engine.Instruments;

namespace TBot.Adapters.RateLimiting;

/// <summary>
/// All rate limits of one venue (per IP, per connection, per endpoint), the clock they run on, and the
/// penalty box: after an HTTP 429/418 the whole budget refuses every request until the venue's Retry-After.
/// Requests acquire through <see cref="RateGate"/>s, each linking the limits a request counts against.
/// Setup methods (rules, gates) take a lock and may allocate; acquiring does neither beyond the store's lock.
/// </summary>
public sealed class RateBudget
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Lock _setupLock = new();
    private long _penalties;

    public RateBudget(Venue venue, TimeProvider? time = null, IRateBudgetStore? store = null)
    {
        Venue = venue;
        Time = time ?? TimeProvider.System;
        Store = store ?? new InProcessRateBudgetStore();
    }

    public Venue Venue { get; }

    public TimeProvider Time { get; }

    public IRateBudgetStore Store { get; }

    /// <summary>Now on the budget's monotonic clock, in nanoseconds: the time base of every <c>nowNs</c> argument.</summary>
    public long NowNs => Clock.MonotonicNs(Time);

    /// <summary>Times the penalty box was entered.</summary>
    public long Penalties => Volatile.Read(ref _penalties);

    /// <summary>Monotonic time until which everything is refused.</summary>
    public long BlockedUntilNs => Store.BlockedUntilNs;

    /// <summary>How long the penalty box still holds at <paramref name="nowNs"/> (zero when open).</summary>
    public TimeSpan BlockedFor(long nowNs) => Clock.ToTimeSpan(BlockedUntilNs - nowNs);

    public IReadOnlyCollection<string> RuleNames
    {
        get
        {
            lock (_setupLock) return [.. _slots.Keys];
        }
    }

    public bool HasRule(string name)
    {
        lock (_setupLock) return _slots.ContainsKey(name);
    }

    public RateLimitRule Rule(string name) => Store.RuleAt(SlotOf(name));

    /// <summary>Add a limit, or give an existing one of the same name new numbers (keeping what it has used).</summary>
    /// <returns>True when the rule was new.</returns>
    public bool SetRule(RateLimitRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_setupLock)
        {
            if (_slots.TryGetValue(rule.Name, out var slot))
            {
                Store.Reconfigure(slot, rule, NowNs);
                return false;
            }
            _slots[rule.Name] = Store.Register(rule);
            return true;
        }
    }

    /// <summary>A gate charging every named limit on each acquisition.</summary>
    public RateGate CreateGate(string gateName, params ReadOnlySpan<string> ruleNames)
    {
        var gate = new RateGate(this, gateName);
        foreach (var name in ruleNames) gate.Link(name);
        return gate;
    }

    /// <summary>Enter the penalty box for <paramref name="retryAfter"/> from now (HTTP 429/418 Retry-After).</summary>
    public void Penalize(TimeSpan retryAfter) => Penalize(retryAfter, NowNs);

    public void Penalize(TimeSpan retryAfter, long nowNs)
    {
        Interlocked.Increment(ref _penalties);
        Store.BlockUntil(nowNs + Clock.ToNs(retryAfter));
    }

    /// <summary>The venue reported <paramref name="used"/> units of a limit as taken (e.g. X-MBX-USED-WEIGHT-1M).</summary>
    public void ObserveUsage(string ruleName, long used, long nowNs) => Store.ObserveUsage(SlotOf(ruleName), used, nowNs);

    /// <summary>Units of a limit taken and not yet drained at <paramref name="nowNs"/>.</summary>
    public long Used(string ruleName, long nowNs) => Store.Used(SlotOf(ruleName), nowNs);

    internal int SlotOf(string name)
    {
        lock (_setupLock)
        {
            return _slots.TryGetValue(name, out var slot)
                ? slot
                : throw new KeyNotFoundException($"No rate limit named '{name}' in the {VenueNames.Name(Venue)} budget.");
        }
    }
}
