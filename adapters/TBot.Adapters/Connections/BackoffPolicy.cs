namespace TBot.Adapters.Connections;

/// <summary>
/// Reconnect backoff: the n-th consecutive failure waits a uniformly random time in
/// [0, min(<see cref="Max"/>, <see cref="Initial"/>·2ⁿ)] ("full jitter", so that many clients dropped at once do
/// not reconnect in lock-step). A session that stayed up for <see cref="StableAfter"/> resets the count.
/// </summary>
public sealed record BackoffPolicy(TimeSpan Initial, TimeSpan Max, TimeSpan StableAfter)
{
    public static BackoffPolicy Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
}
