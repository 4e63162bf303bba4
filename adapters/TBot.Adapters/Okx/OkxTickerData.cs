using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Okx;

/// <summary>
/// One ticker object (REST <c>/market/ticker(s)</c> and the WS <c>tickers</c> channel share it) → one Ticker
/// event: last/lastSz → Price/Quantity, best bid/ask, vol24h → Volume, ts. The value texts are collected first
/// and converted at the end, because <c>instId</c> (needed for the scales on REST) may come after the prices.
/// "" means "no value" and becomes 0.
/// </summary>
internal static class OkxTickerData
{
    /// <summary>
    /// Parse the object the reader is on. <paramref name="instrument"/> is the instrument the frame is about
    /// (WS: from <c>arg</c>); when null the object's own <c>instId</c> is looked up in <paramref name="registry"/>.
    /// </summary>
    public static RejectReason Parse(ref Utf8JsonReader reader, InstrumentRegistry registry, Instrument? instrument,
        ushort connectionId, long receiveTimeNs, EventFlags flags, EventBatch batch)
    {
        ReadOnlySpan<byte> instId = default, last = default, lastSz = default, askPx = default, askSz = default;
        ReadOnlySpan<byte> bidPx = default, bidSz = default, vol = default, ts = default;
        bool sawInstId = false, sawLast = false, sawAskPx = false, sawAskSz = false, sawBidPx = false, sawBidSz = false, sawTs = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            RejectReason reason;
            if (reader.ValueTextEquals("instId"u8)) { sawInstId = true; reason = OkxJson.String(ref reader, out instId); }
            else if (reader.ValueTextEquals("last"u8)) { sawLast = true; reason = OkxJson.String(ref reader, out last); }
            else if (reader.ValueTextEquals("lastSz"u8)) reason = OkxJson.String(ref reader, out lastSz);
            else if (reader.ValueTextEquals("askPx"u8)) { sawAskPx = true; reason = OkxJson.String(ref reader, out askPx); }
            else if (reader.ValueTextEquals("askSz"u8)) { sawAskSz = true; reason = OkxJson.String(ref reader, out askSz); }
            else if (reader.ValueTextEquals("bidPx"u8)) { sawBidPx = true; reason = OkxJson.String(ref reader, out bidPx); }
            else if (reader.ValueTextEquals("bidSz"u8)) { sawBidSz = true; reason = OkxJson.String(ref reader, out bidSz); }
            else if (reader.ValueTextEquals("vol24h"u8)) reason = OkxJson.String(ref reader, out vol);
            else if (reader.ValueTextEquals("ts"u8)) { sawTs = true; reason = OkxJson.String(ref reader, out ts); }
            else
            {
                reader.Skip();
                reason = RejectReason.None;
            }
            if (reason != RejectReason.None) return reason;
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("truncated");
        if (!sawLast || !sawAskPx || !sawAskSz || !sawBidPx || !sawBidSz || !sawTs) return RejectReason.MissingField;

        if (instrument is null)
        {
            if (!sawInstId) return RejectReason.MissingField;
            var id = registry.Lookup(Venue.Okx, instId);
            if (id == 0) return RejectReason.UnknownInstrument;
            instrument = registry[id];
        }

        RejectReason r;
        if ((r = OkxText.MillisToNanos(ts, out var exchangeTimeNs)) != RejectReason.None) return r;
        if ((r = OkxText.OptionalPrice(last, instrument, out var price, out var priceDecimals)) != RejectReason.None) return r;
        if ((r = OkxText.OptionalQuantity(lastSz, instrument, out var quantity, out var quantityDecimals)) != RejectReason.None) return r;
        if ((r = OkxText.OptionalPrice(bidPx, instrument, out var bid, out _)) != RejectReason.None) return r;
        if ((r = OkxText.OptionalQuantity(bidSz, instrument, out var bidSize, out _)) != RejectReason.None) return r;
        if ((r = OkxText.OptionalPrice(askPx, instrument, out var ask, out _)) != RejectReason.None) return r;
        if ((r = OkxText.OptionalQuantity(askSz, instrument, out var askSize, out _)) != RejectReason.None) return r;
        if ((r = OkxText.OptionalQuantity(vol, instrument, out var volume, out _)) != RejectReason.None) return r;

        var stamp = new OkxEventStamp(instrument, connectionId, receiveTimeNs, flags);
        ref var e = ref stamp.Add(batch, MarketEventKind.Ticker);
        e.Price = price;
        e.PriceDecimals = priceDecimals;
        e.Quantity = quantity;
        e.QuantityDecimals = quantityDecimals;
        e.Bid = bid;
        e.BidSize = bidSize;
        e.Ask = ask;
        e.AskSize = askSize;
        e.Volume = volume;
        e.ExchangeTimeNs = exchangeTimeNs;
        return RejectReason.None;
    }
}
