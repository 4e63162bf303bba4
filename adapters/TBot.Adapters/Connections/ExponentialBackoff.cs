namespace TBot.Adapters.Connections;

/// <summary>The state of a <see cref="BackoffPolicy"/> for one connection (not thread-safe; one loop owns it).</summary>
public sealed class ExponentialBackoff
{
    private const int MaxShift = 62;
    private readonly Random _random;

    /// <param name="random">Jitter source; pass a seeded one for reproducible schedules (tests).</param>
    public ExponentialBackoff(BackoffPolicy policy, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Initial < TimeSpan.Zero || policy.Max < policy.Initial) throw new ArgumentOutOfRangeException(nameof(policy), "Need 0 ≤ Initial ≤ Max.");
        Policy = policy;
        _random = random ?? Random.Shared;
    }

    public BackoffPolicy Policy { get; }

    /// <summary>Consecutive failures so far (the exponent of the next delay).</summary>
    public int Attempt { get; private set; }

    /// <summary>The upper bound of the delay after <paramref name="attempt"/> failures: min(Max, Initial·2^attempt).</summary>
    public TimeSpan Ceiling(int attempt)
    {
        var initial = Policy.Initial.Ticks;
        var max = Policy.Max.Ticks;
        if (initial == 0) return TimeSpan.Zero;
        var shift = Math.Clamp(attempt, 0, MaxShift);
        // initial << shift overflows long past this point; it is above max long before that anyway.
        return TimeSpan.FromTicks(initial > max >> shift ? max : Math.Min(max, initial << shift));
    }

    /// <summary>The delay before the next attempt; counts the attempt.</summary>
    public TimeSpan Next()
    {
        var ceiling = Ceiling(Attempt).Ticks;
        if (Attempt < MaxShift) Attempt++;
        return TimeSpan.FromTicks(ceiling == 0 ? 0 : _random.NextInt64(0, ceiling + 1));
    }

    public void Reset() => Attempt = 0;

    /// <summary>A session ended after being up for <paramref name="connectedFor"/>: a stable one resets the count.
    /// Returns true when it did.</summary>
    public bool OnSessionEnded(TimeSpan connectedFor)
    {
        if (connectedFor < Policy.StableAfter) return false;
        Reset();
        return true;
    }
}
