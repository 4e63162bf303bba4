namespace TBot.Persistence.Postgres.History;

/// <summary>
/// One <c>market_data</c> row: a market event as stored. Numbers are exact decimals at the instrument's scale;
/// a column the event's kind does not carry is null (a quote has no trade price, a trade no bid).
/// </summary>
/// <param name="Time">Engine time: the event's receive time (the journal record's time), UTC.</param>
/// <param name="Kind">The engine's <c>MarketEventKind</c> value (2 = trade, the kind the candles aggregate).</param>
/// <param name="Side">Trade aggressor or book side (BUY = bid), null when none.</param>
/// <param name="ExchangeTime">The venue's own time, null when the message had none.</param>
/// <param name="Flags">The engine's <c>EventFlags</c> bits (stale, first/last of a message, provisional, ...).</param>
public readonly record struct MarketDataRow(
    DateTime Time,
    int InstrumentId,
    short Kind,
    string? Side,
    decimal? Price,
    decimal? Quantity,
    decimal? Bid,
    decimal? BidSize,
    decimal? Ask,
    decimal? AskSize,
    long? TradeId,
    long JournalPosition,
    DateTime? ExchangeTime,
    int Flags,
    decimal? Open,
    decimal? High,
    decimal? Low,
    decimal? Volume);
