using TBot.Engine.Events;
using TBot.Engine.Validation;

namespace TBot.Adapters.Coinbase;

/// <summary>ticker and match / last_match.</summary>
public sealed partial class CoinbaseExchangeParser
{
    /// <summary>
    /// ticker → one Ticker event: sequence → UpdateId, trade_id → TradeId, side (the taker's) → Side.
    /// Older messages lack best_bid_size/best_ask_size, and the one sent on subscribe may lack
    /// time/trade_id/side: those stay 0 / None.
    /// </summary>
    private RejectReason BuildTicker(ref ExchangeMessageFields m, long receiveTimeNs, EventBatch batch)
    {
        var r = Resolve(m.ProductId, out var instrument);
        if (r != RejectReason.None) return r;
        if (m.Side == ExchangeSide.Invalid) return RejectReason.MalformedJson;
        var priceScale = instrument.PriceScale;
        var quantityScale = instrument.QuantityScale;
        if ((r = CoinbaseDecimals.ParseOptionalPrice(m.Price, priceScale, out var last, out var priceDecimals)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseOptionalPrice(m.BestBid, priceScale, out var bid, out _)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseOptionalPrice(m.BestAsk, priceScale, out var ask, out _)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseOptionalQuantity(m.BestBidSize, quantityScale, out var bidSize, out _)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseOptionalQuantity(m.BestAskSize, quantityScale, out var askSize, out _)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseVolume(m.Volume24h, quantityScale, out var volume, out var volumeDecimals)) != RejectReason.None) return r;
        if ((r = ParseOptionalTime(m.Time, out var timeNs)) != RejectReason.None) return r;

        ref var e = ref AddEvent(batch, MarketEventKind.Ticker, instrument.Id, receiveTimeNs);
        e.Side = m.Side switch { ExchangeSide.Buy => Side.Buy, ExchangeSide.Sell => Side.Sell, _ => Side.None };
        e.Price = last;
        e.Bid = bid;
        e.BidSize = bidSize;
        e.Ask = ask;
        e.AskSize = askSize;
        e.Volume = volume;
        e.PriceDecimals = priceDecimals;
        e.QuantityDecimals = volumeDecimals;
        e.UpdateId = m.HasSequence ? m.Sequence : 0;
        e.TradeId = m.TradeId;
        e.ExchangeTimeNs = timeNs;
        return RejectReason.None;
    }

    /// <summary>
    /// match / last_match → one Trade. <c>side</c> is the MAKER's side: "sell" means a resting sell was hit,
    /// i.e. the taker bought (Side Buy); "buy" means the taker sold (Side Sell, buyer was the maker).
    /// A missing sequence is tolerated (UpdateId 0).
    /// </summary>
    private RejectReason BuildTrade(ref ExchangeMessageFields m, long receiveTimeNs, EventBatch batch)
    {
        var r = Resolve(m.ProductId, out var instrument);
        if (r != RejectReason.None) return r;
        if (!m.Price.Present || !m.Size.Present || m.Side == ExchangeSide.Absent) return RejectReason.MissingField;
        if (m.Side == ExchangeSide.Invalid) return RejectReason.MalformedJson;
        if ((r = CoinbaseDecimals.ParsePrice(m.Price.Bytes, instrument.PriceScale, out var price, out var priceDecimals)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseQuantity(m.Size.Bytes, instrument.QuantityScale, out var size, out var quantityDecimals)) != RejectReason.None) return r;
        if ((r = ParseOptionalTime(m.Time, out var timeNs)) != RejectReason.None) return r;

        ref var e = ref AddEvent(batch, MarketEventKind.Trade, instrument.Id, receiveTimeNs);
        if (m.Side == ExchangeSide.Sell)
        {
            e.Side = Side.Buy;
        }
        else
        {
            e.Side = Side.Sell;
            e.Flags = EventFlags.BuyerIsMaker;
        }
        e.Price = price;
        e.Quantity = size;
        e.PriceDecimals = priceDecimals;
        e.QuantityDecimals = quantityDecimals;
        e.UpdateId = m.HasSequence ? m.Sequence : 0;
        e.TradeId = m.TradeId;
        e.ExchangeTimeNs = timeNs;
        return RejectReason.None;
    }
}
