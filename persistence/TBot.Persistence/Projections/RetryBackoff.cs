namespace TBot.Persistence.Projections;

/// <summary>
/// Exponential backoff with full jitter: after the n-th consecutive failure wait a random time in
/// [0, min(max, initial·2ⁿ)]. Jitter keeps several projections (or engines) from hammering a store that just
/// came back all at the same moment.
/// </summary>
public sealed class RetryBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private int _failures;

    public RetryBackoff(TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
    }

    public int ConsecutiveFailures => _failures;

    /// <summary>The wait before the next attempt, counting this failure.</summary>
    public TimeSpan NextDelay()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var ceiling = Math.Min(_max.Ticks, _initial.Ticks * (1L << exponent));
        // Never zero: a zero wait would retry a down store in a tight loop.
        return TimeSpan.FromTicks(Math.Max(_initial.Ticks / 4, Random.Shared.NextInt64(ceiling + 1)));
    }

    public void Reset() => _failures = 0;
}
