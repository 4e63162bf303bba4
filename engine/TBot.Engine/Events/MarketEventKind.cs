namespace TBot.Engine.Events;

/// <summary>What a <see cref="MarketEvent"/> carries. Values are stable: they are written into journals.</summary>
public enum MarketEventKind : byte
{
    None = 0,
    /// <summary>Best bid/ask (Binance bookTicker, Coinbase ticker, OKX bbo/ticker).</summary>
    Quote = 1,
    /// <summary>One trade (Binance trade/aggTrade, Coinbase match/market_trades, OKX trades).</summary>
    Trade = 2,
    /// <summary>One changed price level of an incremental book update; quantity 0 removes the level.</summary>
    BookDelta = 3,
    /// <summary>One price level of a full book snapshot (the first level of a snapshot has <see cref="EventFlags.FirstInMessage"/>).</summary>
    BookSnapshotLevel = 4,
    /// <summary>Rolling 24 h statistics (last price, volume).</summary>
    Ticker = 5,
    /// <summary>A closed OHLCV bar (REST candles / klines).</summary>
    Candle = 6,
    /// <summary>The local book of an instrument went stale (desync) or was re-synchronised; see <see cref="EventFlags.Stale"/>.</summary>
    BookStatus = 7,
    /// <summary>Scheduled timer (bar close, quote refresh), so backtests and live runs see the same sequence.</summary>
    Timer = 8,
    /// <summary>An execution report about one of our orders other than a fill (see Orders/ExecutionReportCodec).</summary>
    OrderUpdate = 9,
    /// <summary>A fill of one of our orders (see Orders/ExecutionReportCodec).</summary>
    Fill = 10,
    /// <summary>An operator or host command (enable trading, pause a bot, change a risk limit), on the ring so
    /// the journal records exactly where it took effect and replay applies it at the same point.</summary>
    Control = 11,
}
