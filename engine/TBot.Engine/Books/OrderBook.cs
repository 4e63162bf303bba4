namespace TBot.Engine.Books;

/// <summary>
/// The local order book of one instrument on one venue: fixed-point levels, the last applied update id,
/// and a sync state that every consumer (the risk manager included) can read: a book that is not
/// <see cref="BookSyncState.Live"/> must not be traded on. Owned and mutated by the ingress thread only.
/// </summary>
public sealed class OrderBook
{
    public OrderBook(int instrumentId, int capacityPerSide = 256)
    {
        InstrumentId = instrumentId;
        Bids = new BookSide(isBid: true, capacityPerSide);
        Asks = new BookSide(isBid: false, capacityPerSide);
    }

    public int InstrumentId { get; }

    public BookSide Bids { get; }

    public BookSide Asks { get; }

    /// <summary>The venue's id of the last applied update (Binance u, OKX seqId, Coinbase sequence).</summary>
    public long UpdateId { get; set; }

    private int _state;

    /// <summary>Sync state; written by the ingress thread, readable from any thread.</summary>
    public BookSyncState State
    {
        get => (BookSyncState)Volatile.Read(ref _state);
        set => Volatile.Write(ref _state, (int)value);
    }

    /// <summary>True when the book may be used for trading decisions.</summary>
    public bool IsLive => State == BookSyncState.Live;

    public void Clear()
    {
        Bids.Clear();
        Asks.Clear();
        UpdateId = 0;
    }

    public BookSide SideOf(bool bid) => bid ? Bids : Asks;

    /// <summary>Best bid and ask; false when either side is empty.</summary>
    public bool TryGetTop(out BookLevel bestBid, out BookLevel bestAsk)
    {
        if (Bids.Count == 0 || Asks.Count == 0)
        {
            bestBid = default;
            bestAsk = default;
            return false;
        }
        bestBid = Bids[0];
        bestAsk = Asks[0];
        return true;
    }

    /// <summary>Best bid at or above best ask: the local book cannot be right.</summary>
    public bool IsCrossed => Bids.Count > 0 && Asks.Count > 0 && Bids[0].Price >= Asks[0].Price;
}
