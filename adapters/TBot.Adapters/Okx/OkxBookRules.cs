using TBot.Engine.Books;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Okx;

/// <summary>
/// OKX <c>books</c> splicing: the snapshot arrives on the stream; each update must link to the book by
/// <c>prevSeqId == seqId held</c> (a keep-alive links to itself; a maintenance reset may make seqId smaller and
/// is still linked, so it applies); a repeat of the last update is ignored; anything else is a gap. After each
/// message the CRC32 of the top 25 levels must equal the venue's checksum (0 = not provided).
/// </summary>
public sealed class OkxBookRules(Instrument instrument) : IBookSyncRules
{
    private readonly BookLevel[] _bids = new BookLevel[OkxBookChecksum.LevelsPerSide];
    private readonly BookLevel[] _asks = new BookLevel[OkxBookChecksum.LevelsPerSide];

    public bool SnapshotFromStream => true;

    public UpdateCheck CheckUpdate(long bookUpdateId, long firstId, long lastId)
    {
        if (firstId == bookUpdateId) return UpdateCheck.Apply;
        if (lastId == bookUpdateId) return UpdateCheck.Ignore;
        return UpdateCheck.Gap;
    }

    public long NextUpdateId(long bookUpdateId, long firstId, long lastId) => lastId;

    public bool IsSnapshotTooOld(long snapshotId, long firstBufferedFirstId) => false;

    public bool Verify(OrderBook book, int checksum)
    {
        if (!OkxBookChecksum.IsProvided(checksum)) return true;
        var nb = book.Bids.CopyTop(_bids);
        var na = book.Asks.CopyTop(_asks);
        var local = OkxBookChecksum.Compute(_bids.AsSpan(0, nb), _asks.AsSpan(0, na), instrument.PriceScale, instrument.QuantityScale);
        return local == checksum;
    }
}
