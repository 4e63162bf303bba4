namespace TBot.Adapters.RateLimiting;

/// <summary>
/// What one kind of request counts against: a set of linked limits of a <see cref="RateBudget"/> (e.g. a Binance
/// REST endpoint: its weight against REQUEST_WEIGHT and one against RAW_REQUESTS). An acquisition charges all
/// of them or none. <see cref="TryAcquire(int, long, out long)"/> is allocation-free and thread-safe;
/// <see cref="AcquireAsync"/> is for edge code and waits on the budget's clock.
/// </summary>
public sealed class RateGate
{
    /// <summary>Linked limits are charged from a stack buffer of this size.</summary>
    public const int MaxLinkedLimits = 16;

    private readonly Lock _linkLock = new();
    private Member[] _members = [];
    private long _acquired, _denied, _waits;

    internal RateGate(RateBudget budget, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Budget = budget;
        Name = name;
    }

    public string Name { get; }

    public RateBudget Budget { get; }

    /// <summary>Successful acquisitions.</summary>
    public long Acquired => Volatile.Read(ref _acquired);

    /// <summary>Refused <c>TryAcquire</c> calls (including those inside <see cref="AcquireAsync"/>).</summary>
    public long Denied => Volatile.Read(ref _denied);

    /// <summary>Times <see cref="AcquireAsync"/> had to wait.</summary>
    public long Waits => Volatile.Read(ref _waits);

    public IReadOnlyList<string> RuleNames
    {
        get
        {
            var members = Volatile.Read(ref _members);
            var names = new string[members.Length];
            for (var i = 0; i < members.Length; i++) names[i] = members[i].Name;
            return names;
        }
    }

    /// <summary>Also charge the budget's limit <paramref name="ruleName"/> (no-op when already linked).</summary>
    public void Link(string ruleName)
    {
        var slot = Budget.SlotOf(ruleName);
        var kind = Budget.Store.RuleAt(slot).Kind;
        lock (_linkLock)
        {
            var members = _members;
            foreach (var m in members)
                if (m.Slot == slot) return;
            if (members.Length == MaxLinkedLimits) throw new InvalidOperationException($"A gate links at most {MaxLinkedLimits} limits.");
            // Copy-on-write: acquirers read the array without a lock and always see a complete one.
            Volatile.Write(ref _members, [.. members, new Member(slot, kind, ruleName)]);
        }
    }

    /// <summary>
    /// Take <paramref name="weight"/> (Weight limits) and one request (Count limits) from every linked limit,
    /// at <paramref name="nowNs"/> on the budget's clock (<see cref="RateBudget.NowNs"/>). False, with the time to
    /// wait, when any limit is exhausted or the budget is in the penalty box; nothing is taken then.
    /// </summary>
    public bool TryAcquire(int weight, long nowNs, out long retryAfterNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);
        var members = Volatile.Read(ref _members);
        Span<RateCharge> charges = stackalloc RateCharge[MaxLinkedLimits];
        charges = charges[..members.Length];
        for (var i = 0; i < members.Length; i++)
            charges[i] = new RateCharge(members[i].Slot, members[i].Kind == RateLimitKind.Count ? 1 : weight);
        if (Budget.Store.TryConsume(charges, nowNs, out retryAfterNs))
        {
            Interlocked.Increment(ref _acquired);
            return true;
        }
        Interlocked.Increment(ref _denied);
        return false;
    }

    /// <summary><see cref="TryAcquire(int, long, out long)"/> at the budget's current time.</summary>
    public bool TryAcquire(int weight, out TimeSpan retryAfter)
    {
        var ok = TryAcquire(weight, Budget.NowNs, out var ns);
        retryAfter = Clock.ToTimeSpan(ns);
        return ok;
    }

    /// <summary>Acquire, waiting (on the budget's <see cref="TimeProvider"/>) as long as needed. Completes
    /// synchronously without allocating when the budget has room.</summary>
    public ValueTask AcquireAsync(int weight, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled(cancellationToken);
        return TryAcquire(weight, Budget.NowNs, out var waitNs) ? ValueTask.CompletedTask : WaitAndAcquireAsync(weight, waitNs, cancellationToken);
    }

    private async ValueTask WaitAndAcquireAsync(int weight, long waitNs, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waits);
        do
        {
            await Task.Delay(Clock.ToDelay(waitNs), Budget.Time, cancellationToken).ConfigureAwait(false);
        }
        while (!TryAcquire(weight, Budget.NowNs, out waitNs));
    }

    public override string ToString() => $"{Name} [{string.Join(", ", RuleNames)}]";

    private readonly record struct Member(int Slot, RateLimitKind Kind, string Name);
}
