namespace TBot.Adapters.Coinbase;

/// <summary>Whether a book array (bids, asks, changes) of an Exchange-feed message was met, and how it was handled.</summary>
internal enum BookArrayState : byte
{
    Absent = 0,
    /// <summary>Parsed in place: type and product were already known.</summary>
    Parsed,
    /// <summary>Seen before the type or product: kept as bytes and parsed at the end of the message.</summary>
    Captured,
}

/// <summary>
/// The fields of one Exchange-feed message, collected in a single scan so that they can be interpreted in any
/// key order once the message type and product are known. The spans point into the frame.
/// </summary>
internal ref struct ExchangeMessageFields
{
    public ExchangeMessageType Type;
    public JsonText ProductId;
    public JsonText Price;
    public JsonText Size;
    public JsonText Time;
    public JsonText BestBid;
    public JsonText BestBidSize;
    public JsonText BestAsk;
    public JsonText BestAskSize;
    public JsonText Volume24h;
    public ExchangeSide Side;
    public long Sequence;
    public bool HasSequence;
    public long TradeId;
    public BookArrayState BidsState;
    public BookArrayState AsksState;
    public BookArrayState ChangesState;
    public ReadOnlySpan<byte> Bids;
    public ReadOnlySpan<byte> Asks;
    public ReadOnlySpan<byte> Changes;
}
