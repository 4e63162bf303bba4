namespace TBot.Engine.Books;

/// <summary>
/// A venue's rules for splicing updates onto a snapshot; plugged into the one <see cref="BookSyncMachine"/>.
/// </summary>
public interface IBookSyncRules
{
    /// <summary>True when the venue sends snapshots on the stream itself (OKX, Coinbase): updates before it are
    /// dropped. False when the snapshot must be fetched (Binance REST): updates are buffered meanwhile.</summary>
    bool SnapshotFromStream { get; }

    /// <summary>Classify an update with ids (<paramref name="firstId"/>, <paramref name="lastId"/>) against the
    /// id of the last update the book holds (after a snapshot: the snapshot's id).</summary>
    UpdateCheck CheckUpdate(long bookUpdateId, long firstId, long lastId);

    /// <summary>The book's id after applying that update.</summary>
    long NextUpdateId(long bookUpdateId, long firstId, long lastId);

    /// <summary>A fetched snapshot older than the first buffered update cannot be spliced: fetch again.</summary>
    bool IsSnapshotTooOld(long snapshotId, long firstBufferedFirstId);

    /// <summary>Check the book after a message (OKX: CRC32 of the top 25 levels). <paramref name="checksum"/>
    /// is what the venue sent (0 = none). Return false on mismatch.</summary>
    bool Verify(OrderBook book, int checksum);
}

/// <summary>Verdict of <see cref="IBookSyncRules.CheckUpdate"/>.</summary>
public enum UpdateCheck : byte
{
    /// <summary>Continuous: apply it.</summary>
    Apply,
    /// <summary>Already covered by the book (duplicate / older): drop it, no harm done.</summary>
    Ignore,
    /// <summary>Something was missed between the book and this update: resync.</summary>
    Gap,
}
