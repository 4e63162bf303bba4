namespace TBot.Host.Analytics;

/// <summary>The time window [<see cref="FromNs"/>, <see cref="ToNs"/>) of an analytics report, engine time (Unix ns; a
/// record's time is its event's receive time or its decision's time). Null ends are open.</summary>
public readonly record struct AnalyticsWindow(long? FromNs, long? ToNs)
{
    public static readonly AnalyticsWindow All = new(null, null);

    public bool IsAll => FromNs is null && ToNs is null;

    public bool Started(long timeNs) => FromNs is not { } from || timeNs >= from;

    public bool Ended(long timeNs) => ToNs is { } to && timeNs >= to;
}
