using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Binance;

/// <summary>
/// Converts the recorded fields of one market-stream payload into events. Each method knows what its keys
/// mean for that stream (<c>a</c> is an id in aggTrade, a price in bookTicker, an array in depthUpdate) and
/// returns the reject reason of the first bad field; the caller backs out whatever was appended.
/// </summary>
internal static class BinanceStreamPayloads
{
    private const EventFlags WholeMessage = EventFlags.FirstInMessage | EventFlags.LastInMessage;

    /// <summary><c>&lt;symbol&gt;@bookTicker</c>: no e/E, so no exchange time; u is the book update id.</summary>
    public static RejectReason BookTicker(in BinanceFields f, Instrument instrument, in MarketEvent template, EventBatch batch)
    {
        RejectReason r;
        if ((r = f.GetInt64(BinanceKey.LowerU, out var updateId)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.LowerB, instrument.PriceScale, RejectReason.TickMisaligned, out var bid, out var bidDecimals)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.UpperB, instrument.QuantityScale, RejectReason.StepMisaligned, out var bidSize, out var bidSizeDecimals)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.LowerA, instrument.PriceScale, RejectReason.TickMisaligned, out var ask, out var askDecimals)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.UpperA, instrument.QuantityScale, RejectReason.StepMisaligned, out var askSize, out var askSizeDecimals)) != RejectReason.None) return r;

        ref var e = ref batch.Add();
        e = template;
        e.Kind = MarketEventKind.Quote;
        e.Flags |= WholeMessage;
        e.UpdateId = updateId;
        // A zero price means "no quote on that side" and stays 0.
        e.Bid = bid;
        e.BidSize = bidSize;
        e.Ask = ask;
        e.AskSize = askSize;
        e.PriceDecimals = BinanceJson.Decimals(Math.Max(bidDecimals, askDecimals));
        e.QuantityDecimals = BinanceJson.Decimals(Math.Max(bidSizeDecimals, askSizeDecimals));
        return RejectReason.None;
    }

    /// <summary><c>trade</c>: t = trade id, T = trade time, m = buyer is maker (the seller was the aggressor).</summary>
    public static RejectReason Trade(in BinanceFields f, Instrument instrument, in MarketEvent template, EventBatch batch)
    {
        RejectReason r;
        if ((r = f.GetInt64(BinanceKey.LowerT, out var tradeId)) != RejectReason.None) return r;
        return AppendTrade(f, instrument, template, batch, tradeId, firstTradeId: 0, lastTradeId: 0);
    }

    /// <summary><c>aggTrade</c>: a = aggregate trade id; the first/last raw trade ids f/l go in FirstUpdateId/UpdateId.</summary>
    public static RejectReason AggTrade(in BinanceFields f, Instrument instrument, in MarketEvent template, EventBatch batch)
    {
        RejectReason r;
        if ((r = f.GetInt64(BinanceKey.LowerA, out var aggregateId)) != RejectReason.None) return r;
        if ((r = f.GetInt64(BinanceKey.LowerF, out var firstTradeId)) != RejectReason.None) return r;
        if ((r = f.GetInt64(BinanceKey.LowerL, out var lastTradeId)) != RejectReason.None) return r;
        return AppendTrade(f, instrument, template, batch, aggregateId, firstTradeId, lastTradeId);
    }

    private static RejectReason AppendTrade(in BinanceFields f, Instrument instrument, in MarketEvent template, EventBatch batch, long tradeId, long firstTradeId, long lastTradeId)
    {
        RejectReason r;
        if ((r = f.GetDecimal(BinanceKey.LowerP, instrument.PriceScale, RejectReason.TickMisaligned, out var price, out var priceDecimals)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.LowerQ, instrument.QuantityScale, RejectReason.StepMisaligned, out var quantity, out var quantityDecimals)) != RejectReason.None) return r;
        if ((r = f.GetMillisAsNanos(BinanceKey.UpperT, out var tradeTimeNs)) != RejectReason.None) return r;
        if ((r = f.GetBool(BinanceKey.LowerM, out var buyerIsMaker)) != RejectReason.None) return r;

        ref var e = ref batch.Add();
        e = template;
        e.Kind = MarketEventKind.Trade;
        e.Flags |= WholeMessage | (buyerIsMaker ? EventFlags.BuyerIsMaker : EventFlags.None);
        e.Side = buyerIsMaker ? Side.Sell : Side.Buy;
        e.ExchangeTimeNs = tradeTimeNs;
        e.TradeId = tradeId;
        e.FirstUpdateId = firstTradeId;
        e.UpdateId = lastTradeId;
        e.Price = price;
        e.Quantity = quantity;
        e.PriceDecimals = BinanceJson.Decimals(priceDecimals);
        e.QuantityDecimals = BinanceJson.Decimals(quantityDecimals);
        return RejectReason.None;
    }

    /// <summary><c>depthUpdate</c>: one BookDelta per level (bids first), U/u as first/last update id.</summary>
    public static RejectReason DiffDepth(in BinanceFields f, Instrument instrument, in MarketEvent template, EventBatch batch)
    {
        RejectReason r;
        if ((r = f.GetMillisAsNanos(BinanceKey.UpperE, out var eventTimeNs)) != RejectReason.None) return r;
        if ((r = f.GetInt64(BinanceKey.UpperU, out var firstUpdateId)) != RejectReason.None) return r;
        if ((r = f.GetInt64(BinanceKey.LowerU, out var updateId)) != RejectReason.None) return r;
        if ((r = f.GetArray(BinanceKey.LowerB, out var bids)) != RejectReason.None) return r;
        if ((r = f.GetArray(BinanceKey.LowerA, out var asks)) != RejectReason.None) return r;

        var level = template;
        level.Kind = MarketEventKind.BookDelta;
        level.ExchangeTimeNs = eventTimeNs;
        level.FirstUpdateId = firstUpdateId;
        level.UpdateId = updateId;
        return AppendBook(bids, asks, instrument, level, batch);
    }

    /// <summary><c>depth&lt;N&gt;</c>: a complete top-N book; one BookSnapshotLevel per level, UpdateId = lastUpdateId.</summary>
    public static RejectReason PartialDepth(in BinanceFields f, Instrument instrument, in MarketEvent template, EventBatch batch) =>
        Snapshot(f, instrument, template, batch);

    /// <summary>Shared by partial depth and the REST snapshot: same <c>lastUpdateId</c>/<c>bids</c>/<c>asks</c> shape.</summary>
    public static RejectReason Snapshot(in BinanceFields f, Instrument instrument, in MarketEvent template, EventBatch batch)
    {
        RejectReason r;
        if ((r = f.GetInt64(BinanceKey.LastUpdateId, out var lastUpdateId)) != RejectReason.None) return r;
        if ((r = f.GetArray(BinanceKey.Bids, out var bids)) != RejectReason.None) return r;
        if ((r = f.GetArray(BinanceKey.Asks, out var asks)) != RejectReason.None) return r;

        var level = template;
        level.Kind = MarketEventKind.BookSnapshotLevel;
        level.UpdateId = lastUpdateId;
        return AppendBook(bids, asks, instrument, level, batch);
    }

    private static RejectReason AppendBook(ReadOnlySpan<byte> bids, ReadOnlySpan<byte> asks, Instrument instrument, in MarketEvent level, EventBatch batch)
    {
        var start = batch.Count;
        RejectReason r;
        if ((r = BinanceBookLevels.Append(bids, Side.Buy, level, instrument, batch)) != RejectReason.None) return r;
        if ((r = BinanceBookLevels.Append(asks, Side.Sell, level, instrument, batch)) != RejectReason.None) return r;
        BinanceBookLevels.Finish(batch, start, level);
        return RejectReason.None;
    }

    /// <summary><c>24hrTicker</c>: last price c, base volume v, best bid/ask b/B/a/A, open/high/low o/h/l.</summary>
    public static RejectReason Ticker(in BinanceFields f, Instrument instrument, in MarketEvent template, EventBatch batch)
    {
        var ps = instrument.PriceScale;
        var qs = instrument.QuantityScale;
        const RejectReason tick = RejectReason.TickMisaligned;
        const RejectReason step = RejectReason.StepMisaligned;
        RejectReason r;
        if ((r = f.GetMillisAsNanos(BinanceKey.UpperE, out var eventTimeNs)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.LowerC, ps, tick, out var last, out var lastDecimals)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.LowerV, qs, step, out var volume, out var volumeDecimals)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.LowerB, ps, tick, out var bid, out _)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.UpperB, qs, step, out var bidSize, out _)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.LowerA, ps, tick, out var ask, out _)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.UpperA, qs, step, out var askSize, out _)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.LowerO, ps, tick, out var open, out _)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.LowerH, ps, tick, out var high, out _)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.LowerL, ps, tick, out var low, out _)) != RejectReason.None) return r;

        ref var e = ref batch.Add();
        e = template;
        e.Kind = MarketEventKind.Ticker;
        e.Flags |= WholeMessage;
        e.ExchangeTimeNs = eventTimeNs;
        e.Price = last;
        e.Volume = volume;
        e.Bid = bid;
        e.BidSize = bidSize;
        e.Ask = ask;
        e.AskSize = askSize;
        e.Open = open;
        e.High = high;
        e.Low = low;
        e.PriceDecimals = BinanceJson.Decimals(lastDecimals);
        e.QuantityDecimals = BinanceJson.Decimals(volumeDecimals);
        return RejectReason.None;
    }
}
