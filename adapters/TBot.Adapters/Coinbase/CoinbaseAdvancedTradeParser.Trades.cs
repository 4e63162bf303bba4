using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Validation;

namespace TBot.Adapters.Coinbase;

/// <summary>market_trades: <c>events[{type, trades[{trade_id, product_id, price, size, side, time}]}]</c>.</summary>
public sealed partial class CoinbaseAdvancedTradeParser
{
    private RejectReason ParseTradesEvent(ref Utf8JsonReader reader, long receiveTimeNs, EventBatch batch)
    {
        var eventStart = batch.Count;
        var isSnapshot = false;
        var tradesSeen = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return RejectReason.WrongType;
                if (reader.ValueTextEquals("snapshot"u8)) isSnapshot = true;
                else if (!reader.ValueTextEquals("update"u8)) return RejectReason.UnknownMessage;
            }
            else if (reader.ValueTextEquals("trades"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
                tradesSeen = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject) return RejectReason.WrongType;
                    var reason = ParseTrade(ref reader, receiveTimeNs, batch);
                    if (reason != RejectReason.None) return reason;
                }
            }
            else
            {
                CoinbaseJson.SkipValue(ref reader);
            }
        }
        if (!tradesSeen) return RejectReason.MissingField;
        // A snapshot lists the most recent trades newest first; emit them oldest first so that trade time
        // runs forward for the consumers (and the monotonic-time check).
        if (isSnapshot) batch.AsSpan()[eventStart..].Reverse();
        return RejectReason.None;
    }

    private RejectReason ParseTrade(ref Utf8JsonReader reader, long receiveTimeNs, EventBatch batch)
    {
        JsonText productId = default;
        JsonText price = default;
        JsonText size = default;
        JsonText time = default;
        long tradeId = 0;
        var aggressor = Side.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            RejectReason reason;
            if (reader.ValueTextEquals("trade_id"u8)) reason = CoinbaseJson.ReadTradeId(ref reader, out tradeId);
            else if (reader.ValueTextEquals("product_id"u8)) reason = CoinbaseJson.ReadSymbol(ref reader, _symbolScratch, out productId);
            else if (reader.ValueTextEquals("price"u8)) reason = CoinbaseJson.ReadText(ref reader, out price);
            else if (reader.ValueTextEquals("size"u8)) reason = CoinbaseJson.ReadText(ref reader, out size);
            else if (reader.ValueTextEquals("side"u8)) reason = ReadAggressorFromMakerSide(ref reader, out aggressor);
            else if (reader.ValueTextEquals("time"u8)) reason = CoinbaseJson.ReadText(ref reader, out time);
            else
            {
                CoinbaseJson.SkipValue(ref reader);
                reason = RejectReason.None;
            }
            if (reason != RejectReason.None) return reason;
        }

        var r = Resolve(productId, out var instrument);
        if (r != RejectReason.None) return r;
        if (!price.Present || !size.Present || aggressor == Side.None) return RejectReason.MissingField;
        if ((r = CoinbaseDecimals.ParsePrice(price.Bytes, instrument.PriceScale, out var p, out var priceDecimals)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseQuantity(size.Bytes, instrument.QuantityScale, out var q, out var quantityDecimals)) != RejectReason.None) return r;
        long timeNs = 0; // absent: the envelope timestamp is stamped later
        if (time.Present && !Rfc3339Timestamp.TryParseUnixNanos(time.Bytes, out timeNs)) return RejectReason.BadNumber;

        ref var e = ref AddEvent(batch, MarketEventKind.Trade, instrument.Id, receiveTimeNs);
        e.Side = aggressor;
        if (aggressor == Side.Sell) e.Flags = EventFlags.BuyerIsMaker;
        e.Price = p;
        e.Quantity = q;
        e.PriceDecimals = priceDecimals;
        e.QuantityDecimals = quantityDecimals;
        e.TradeId = tradeId;
        e.ExchangeTimeNs = timeNs;
        return RejectReason.None;
    }

    /// <summary>
    /// market_trades <c>side</c> is the MAKER's side, upper case: "BUY" means a resting buy order was hit,
    /// so the aggressor sold (and the buyer was the maker); "SELL" means the aggressor bought. Any other
    /// value (including lower case) is rejected as malformed.
    /// </summary>
    private static RejectReason ReadAggressorFromMakerSide(ref Utf8JsonReader reader, out Side aggressor)
    {
        aggressor = Side.None;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return RejectReason.None;
        if (reader.TokenType != JsonTokenType.String) return RejectReason.WrongType;
        if (reader.ValueTextEquals("BUY"u8)) aggressor = Side.Sell;
        else if (reader.ValueTextEquals("SELL"u8)) aggressor = Side.Buy;
        else return RejectReason.MalformedJson;
        return RejectReason.None;
    }
}
