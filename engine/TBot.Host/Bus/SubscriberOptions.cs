namespace TBot.Host.Bus;

/// <summary>Delivery settings of one subscriber.</summary>
public sealed record SubscriberOptions
{
    /// <summary>Events waiting for this subscriber; beyond it new events are dead-lettered for it (counted) so a
    /// stuck subscriber never blocks the publisher or the others.</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Attempts per event (the first included) before it is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Backoff after the first failure; doubles per failure with full jitter, up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Idempotency keys remembered per subscriber: a re-delivered event within them is not handled again.</summary>
    public int DedupeCapacity { get; init; } = 4096;
}
