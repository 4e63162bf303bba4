using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Validation;

namespace TBot.Adapters.Okx;

/// <summary>
/// One <c>trades</c> data object <c>{instId, tradeId, px, sz, side, ts, count}</c> → one Trade event.
/// <c>side</c> is the taker (aggressor) side; a taker sell means the buyer was the maker.
/// </summary>
internal static class OkxTradeData
{
    public static RejectReason Parse(ref Utf8JsonReader reader, in OkxEventStamp stamp, EventBatch batch)
    {
        ReadOnlySpan<byte> tradeId = default, px = default, sz = default, side = default, ts = default;
        bool sawTradeId = false, sawPx = false, sawSz = false, sawSide = false, sawTs = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            RejectReason reason;
            if (reader.ValueTextEquals("tradeId"u8)) { sawTradeId = true; reason = OkxJson.String(ref reader, out tradeId); }
            else if (reader.ValueTextEquals("px"u8)) { sawPx = true; reason = OkxJson.String(ref reader, out px); }
            else if (reader.ValueTextEquals("sz"u8)) { sawSz = true; reason = OkxJson.String(ref reader, out sz); }
            else if (reader.ValueTextEquals("side"u8)) { sawSide = true; reason = OkxJson.String(ref reader, out side); }
            else if (reader.ValueTextEquals("ts"u8)) { sawTs = true; reason = OkxJson.String(ref reader, out ts); }
            else
            {
                reader.Skip();
                reason = RejectReason.None;
            }
            if (reason != RejectReason.None) return reason;
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("truncated");
        if (!sawTradeId || !sawPx || !sawSz || !sawSide || !sawTs) return RejectReason.MissingField;

        Side aggressor;
        if (side.SequenceEqual("buy"u8)) aggressor = Side.Buy;
        else if (side.SequenceEqual("sell"u8)) aggressor = Side.Sell;
        else return RejectReason.WrongType; // not one of the two values the field can take

        RejectReason r;
        if (!OkxText.TryParseDigits(tradeId, out var id)) return RejectReason.BadNumber;
        if ((r = OkxText.MillisToNanos(ts, out var exchangeTimeNs)) != RejectReason.None) return r;
        if ((r = OkxText.Price(px, stamp.Instrument, out var price, out var priceDecimals)) != RejectReason.None) return r;
        if ((r = OkxText.Quantity(sz, stamp.Instrument, out var quantity, out var quantityDecimals)) != RejectReason.None) return r;

        ref var e = ref stamp.Add(batch, MarketEventKind.Trade);
        e.Side = aggressor;
        if (aggressor == Side.Sell) e.Flags |= EventFlags.BuyerIsMaker;
        e.TradeId = id;
        e.Price = price;
        e.PriceDecimals = priceDecimals;
        e.Quantity = quantity;
        e.QuantityDecimals = quantityDecimals;
        e.ExchangeTimeNs = exchangeTimeNs;
        return RejectReason.None;
    }
}
