namespace TBot.Persistence.Postgres.Warm;

/// <summary>Decision times are Unix epoch nanoseconds; <c>timestamptz</c> keeps microseconds.</summary>
public static class EngineTime
{
    public static DateTime ToUtc(long unixNs) => DateTime.UnixEpoch.AddTicks(unixNs / TimeSpan.NanosecondsPerTick);
}
