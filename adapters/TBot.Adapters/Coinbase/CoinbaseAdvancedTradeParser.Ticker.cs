using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Validation;

namespace TBot.Adapters.Coinbase;

/// <summary>ticker / ticker_batch: <c>events[{type, tickers[{product_id, price, volume_24_h, best_bid, …}]}]</c>.</summary>
public sealed partial class CoinbaseAdvancedTradeParser
{
    private RejectReason ParseTickerEvent(ref Utf8JsonReader reader, long receiveTimeNs, EventBatch batch)
    {
        var tickersSeen = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("tickers"u8))
            {
                CoinbaseJson.SkipValue(ref reader); // type: snapshot and update read the same
                continue;
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
            tickersSeen = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject) return RejectReason.WrongType;
                var reason = ParseTicker(ref reader, receiveTimeNs, batch);
                if (reason != RejectReason.None) return reason;
            }
        }
        return tickersSeen ? RejectReason.None : RejectReason.MissingField;
    }

    /// <summary>One ticker object → one Ticker event. ticker_batch (and tickers before 2024-04-12) have no
    /// best bid/ask: those stay 0.</summary>
    private RejectReason ParseTicker(ref Utf8JsonReader reader, long receiveTimeNs, EventBatch batch)
    {
        JsonText productId = default;
        JsonText price = default;
        JsonText volume = default;
        JsonText bid = default;
        JsonText bidSize = default;
        JsonText ask = default;
        JsonText askSize = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            RejectReason reason;
            if (reader.ValueTextEquals("product_id"u8)) reason = CoinbaseJson.ReadSymbol(ref reader, _symbolScratch, out productId);
            else if (reader.ValueTextEquals("price"u8)) reason = CoinbaseJson.ReadText(ref reader, out price);
            else if (reader.ValueTextEquals("best_bid"u8)) reason = CoinbaseJson.ReadText(ref reader, out bid);
            else if (reader.ValueTextEquals("best_bid_quantity"u8)) reason = CoinbaseJson.ReadText(ref reader, out bidSize);
            else if (reader.ValueTextEquals("best_ask"u8)) reason = CoinbaseJson.ReadText(ref reader, out ask);
            else if (reader.ValueTextEquals("best_ask_quantity"u8)) reason = CoinbaseJson.ReadText(ref reader, out askSize);
            else if (reader.ValueTextEquals("volume_24_h"u8)) reason = CoinbaseJson.ReadText(ref reader, out volume);
            else
            {
                CoinbaseJson.SkipValue(ref reader); // 24 h / 52 w ranges, percent change, type
                reason = RejectReason.None;
            }
            if (reason != RejectReason.None) return reason;
        }

        var r = Resolve(productId, out var instrument);
        if (r != RejectReason.None) return r;
        var priceScale = instrument.PriceScale;
        var quantityScale = instrument.QuantityScale;
        if ((r = CoinbaseDecimals.ParseOptionalPrice(price, priceScale, out var last, out var priceDecimals)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseOptionalPrice(bid, priceScale, out var bidValue, out _)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseOptionalPrice(ask, priceScale, out var askValue, out _)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseOptionalQuantity(bidSize, quantityScale, out var bidSizeValue, out _)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseOptionalQuantity(askSize, quantityScale, out var askSizeValue, out _)) != RejectReason.None) return r;
        if ((r = CoinbaseDecimals.ParseVolume(volume, quantityScale, out var volumeValue, out var volumeDecimals)) != RejectReason.None) return r;

        ref var e = ref AddEvent(batch, MarketEventKind.Ticker, instrument.Id, receiveTimeNs);
        e.Price = last;
        e.Bid = bidValue;
        e.BidSize = bidSizeValue;
        e.Ask = askValue;
        e.AskSize = askSizeValue;
        e.Volume = volumeValue;
        e.PriceDecimals = priceDecimals;
        e.QuantityDecimals = volumeDecimals;
        return RejectReason.None;
    }
}
