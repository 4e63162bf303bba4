namespace TBot.Host.Dashboard;

/// <summary>At most one pass per key per <see cref="IntervalMs"/>: the feed builder asks before publishing a changed
/// key, and a refused change simply waits for a later tick, which then reads (and sends) the latest state.</summary>
public sealed class Conflator(int keys, long intervalMs)
{
    private readonly long[] _last = Enumerable.Repeat(long.MinValue / 2, keys).ToArray();

    public long IntervalMs { get; } = intervalMs;

    /// <summary>True (and the key's clock restarts) when the key may be published at <paramref name="nowMs"/>.</summary>
    public bool TryPass(int key, long nowMs)
    {
        if (nowMs - _last[key] < IntervalMs) return false;
        _last[key] = nowMs;
        return true;
    }
}
