namespace TBot.Adapters.Connections;

/// <summary>Counters of a <see cref="SnapshotFetcher"/> (thread-safe).</summary>
public sealed class SnapshotFetcherStats
{
    private long _requests, _coalesced, _fetched, _failed;

    /// <summary>Requests accepted (coalesced ones included).</summary>
    public long Requests => Volatile.Read(ref _requests);

    /// <summary>Requests folded into one already queued for the same instrument.</summary>
    public long Coalesced => Volatile.Read(ref _coalesced);

    /// <summary>Snapshots delivered to the queue.</summary>
    public long Fetched => Volatile.Read(ref _fetched);

    /// <summary>Fetches that failed (error status, transport error); each is retried later.</summary>
    public long Failed => Volatile.Read(ref _failed);

    internal void AddRequest() => Interlocked.Increment(ref _requests);
    internal void AddCoalesced() => Interlocked.Increment(ref _coalesced);
    internal void AddFetched() => Interlocked.Increment(ref _fetched);
    internal void AddFailed() => Interlocked.Increment(ref _failed);
}
