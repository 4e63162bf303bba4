using TBot.Engine.Books;

namespace TBot.Adapters.Binance;

/// <summary>
/// Binance spot diff-depth splicing (the venue's documented procedure): snapshots come from REST, so
/// diffs are buffered meanwhile; a diff (U, u) against book id <c>id</c> is stale when <c>u ≤ id</c>, a gap
/// when <c>U > id + 1</c>, and applies otherwise (which covers the first diff straddling the snapshot,
/// <c>U ≤ id + 1 ≤ u</c>). The book then holds <c>u</c>. No checksum.
/// </summary>
public sealed class BinanceBookRules : IBookSyncRules
{
    public static readonly BinanceBookRules Instance = new();

    public bool SnapshotFromStream => false;

    public UpdateCheck CheckUpdate(long bookUpdateId, long firstId, long lastId)
    {
        if (lastId <= bookUpdateId) return UpdateCheck.Ignore;
        if (firstId > bookUpdateId + 1) return UpdateCheck.Gap;
        return UpdateCheck.Apply;
    }

    public long NextUpdateId(long bookUpdateId, long firstId, long lastId) => lastId;

    /// <summary>The snapshot must reach at least the event before the first buffered diff, or no diff can straddle it.</summary>
    public bool IsSnapshotTooOld(long snapshotId, long firstBufferedFirstId) => snapshotId + 1 < firstBufferedFirstId;

    public bool Verify(OrderBook book, int checksum) => true;
}
