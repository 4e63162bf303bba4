using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Persistence.Numerics;
using TBot.Persistence.Postgres.Instruments;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Market events → <c>market_data</c> rows. Pure (no I/O): the mapping of each kind's fields to columns lives
/// here only. Timers, control events and our own order reports (OrderUpdate, Fill) are not market data and give
/// no row; they reach the database through the decisions they cause.
/// </summary>
public sealed class MarketDataRowBuilder
{
    private readonly Dictionary<int, JournalInstrument> _instruments = [];
    private readonly InstrumentIdMap _ids;

    /// <param name="ids">The journal's instruments → database ids (<see cref="InstrumentRegistry"/>); rows carry the
    /// database id. Null: the engine ids as they are (pure tests).</param>
    public MarketDataRowBuilder(JournalManifest manifest, InstrumentIdMap? ids = null)
    {
        _ids = ids ?? InstrumentIdMap.Identity;
        foreach (var i in manifest.Instruments) _instruments[i.Id] = i;
    }

    public static bool IsMarketData(MarketEventKind kind) => kind is MarketEventKind.Quote or MarketEventKind.Trade
        or MarketEventKind.BookDelta or MarketEventKind.BookSnapshotLevel or MarketEventKind.Ticker or MarketEventKind.Candle
        or MarketEventKind.BookStatus;

    /// <summary>The row for <paramref name="e"/>, or false when the event is not market data.</summary>
    public bool TryBuild(in MarketEvent e, long position, out MarketDataRow row)
    {
        if (!IsMarketData(e.Kind))
        {
            row = default;
            return false;
        }
        if (!_instruments.TryGetValue(e.InstrumentId, out var instrument))
            throw new InvalidDataException($"Journal record {position}: instrument {e.InstrumentId} is not in the journal's manifest.");
        int ps = instrument.PriceScale, qs = instrument.QuantityScale;
        decimal? price = null, quantity = null, bid = null, bidSize = null, ask = null, askSize = null;
        decimal? open = null, high = null, low = null, volume = null;
        long? tradeId = null;
        string? side = null;
        switch (e.Kind)
        {
            case MarketEventKind.Quote:
                (bid, bidSize, ask, askSize) = (Num(e.Bid, ps), Num(e.BidSize, qs), Num(e.Ask, ps), Num(e.AskSize, qs));
                break;
            case MarketEventKind.Trade:
                (side, price, quantity, tradeId) = (SideName(e.Side), Num(e.Price, ps), Num(e.Quantity, qs), e.TradeId);
                break;
            case MarketEventKind.BookDelta:
            case MarketEventKind.BookSnapshotLevel:
                (side, price, quantity) = (SideName(e.Side), Num(e.Price, ps), Num(e.Quantity, qs));
                break;
            case MarketEventKind.Ticker:
                // Every ticker field is optional on some venue; the parsers leave a missing price at 0, which is
                // never a real price, so it is stored as "not sent" together with its size.
                if (e.Price > 0) (price, quantity) = (Num(e.Price, ps), Num(e.Quantity, qs));
                if (e.Bid > 0) (bid, bidSize) = (Num(e.Bid, ps), Num(e.BidSize, qs));
                if (e.Ask > 0) (ask, askSize) = (Num(e.Ask, ps), Num(e.AskSize, qs));
                volume = Num(e.Volume, qs);
                break;
            case MarketEventKind.Candle:
                // Price is the close, as MarketEvent defines it for candles.
                (open, high, low, price, volume) = (Num(e.Open, ps), Num(e.High, ps), Num(e.Low, ps), Num(e.Price, ps), Num(e.Volume, qs));
                break;
            case MarketEventKind.BookStatus:
                break; // the Stale flag is the whole message
        }
        row = new MarketDataRow(EngineTime.ToUtc(e.ReceiveTimeNs), _ids.ToDatabase(e.InstrumentId), (short)e.Kind, side, price, quantity, bid, bidSize,
            ask, askSize, tradeId, position, e.ExchangeTimeNs == 0 ? null : EngineTime.ToUtc(e.ExchangeTimeNs), (int)e.Flags,
            open, high, low, volume);
        return true;
    }

    private static decimal Num(long mantissa, int scale) => FixedPoint.ToDecimal(mantissa, scale);

    private static string? SideName(Side side) => side == Side.None ? null : SqlNames.Side(side);
}
