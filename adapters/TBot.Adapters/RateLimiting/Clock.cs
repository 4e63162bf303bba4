namespace TBot.Adapters.RateLimiting;

/// <summary>Nanosecond views of a <see cref="TimeProvider"/>: monotonic for budgets and timeouts, Unix epoch for receive stamps.</summary>
internal static class Clock
{
    private const long NsPerSecond = 1_000_000_000;

    /// <summary>Monotonic nanoseconds (arbitrary origin) from <see cref="TimeProvider.GetTimestamp"/>.</summary>
    public static long MonotonicNs(TimeProvider time)
    {
        var ts = time.GetTimestamp();
        var frequency = time.TimestampFrequency;
        if (frequency == NsPerSecond) return ts; // Linux: Stopwatch ticks are nanoseconds already.
        if (frequency < NsPerSecond && NsPerSecond % frequency == 0) return ts * (NsPerSecond / frequency);
        return (long)((Int128)ts * NsPerSecond / frequency);
    }

    /// <summary>Unix epoch nanoseconds (wall clock, may step with NTP).</summary>
    public static long UnixNs(TimeProvider time) => (time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>A duration in nanoseconds as a TimeSpan, rounded up so a wait never ends early.</summary>
    public static TimeSpan ToTimeSpan(long ns) => ns <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((ns + 99) / 100);

    /// <summary>
    /// A wait for Task.Delay: rounded up to whole milliseconds, at least one. Task.Delay truncates to
    /// milliseconds, so a 0.3 ms wait would become Delay(0) and the caller would spin until the time is up.
    /// </summary>
    public static TimeSpan ToDelay(long ns) => TimeSpan.FromMilliseconds(Math.Max(1, (ns + 999_999) / 1_000_000));

    public static long ToNs(TimeSpan span) => span <= TimeSpan.Zero ? 0 : span.Ticks > long.MaxValue / 100 ? long.MaxValue / 2 : span.Ticks * 100;
}
