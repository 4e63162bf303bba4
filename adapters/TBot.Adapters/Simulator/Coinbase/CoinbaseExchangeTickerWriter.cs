using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>Exchange feed ticker: {"type":"ticker","sequence",..,"best_bid","best_ask",..,"side"(taker),"time","trade_id","last_size"}.</summary>
internal static class CoinbaseExchangeTickerWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Ticker = JsonEncodedText.Encode("ticker");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText ProductId = JsonEncodedText.Encode("product_id");
    private static readonly JsonEncodedText Price = JsonEncodedText.Encode("price");
    private static readonly JsonEncodedText Open24h = JsonEncodedText.Encode("open_24h");
    private static readonly JsonEncodedText Volume24h = JsonEncodedText.Encode("volume_24h");
    private static readonly JsonEncodedText Low24h = JsonEncodedText.Encode("low_24h");
    private static readonly JsonEncodedText High24h = JsonEncodedText.Encode("high_24h");
    private static readonly JsonEncodedText Volume30d = JsonEncodedText.Encode("volume_30d");
    private static readonly JsonEncodedText BestBid = JsonEncodedText.Encode("best_bid");
    private static readonly JsonEncodedText BestBidSize = JsonEncodedText.Encode("best_bid_size");
    private static readonly JsonEncodedText BestAsk = JsonEncodedText.Encode("best_ask");
    private static readonly JsonEncodedText BestAskSize = JsonEncodedText.Encode("best_ask_size");
    private static readonly JsonEncodedText SideName = JsonEncodedText.Encode("side");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText TradeId = JsonEncodedText.Encode("trade_id");
    private static readonly JsonEncodedText LastSize = JsonEncodedText.Encode("last_size");
    private static readonly JsonEncodedText Buy = JsonEncodedText.Encode("buy");
    private static readonly JsonEncodedText Sell = JsonEncodedText.Encode("sell");

    /// <param name="last">The trade this ticker reports (its sequence and id), or null for the subscribe-time ticker.</param>
    public static void Write(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText product, in TradePrint last, bool hasTrade, long timeNs, bool crossed)
    {
        var s = m.Stats;
        w.WriteStartObject();
        w.WriteString(Type, Ticker);
        w.WriteNumber(Sequence, hasTrade ? last.Sequence : m.Sequence);
        w.WriteString(ProductId, product);
        CoinbaseWire.Price(w, Price, m, s.Last);
        CoinbaseWire.Price(w, Open24h, m, s.Open);
        CoinbaseWire.PaddedSize(w, Volume24h, m, s.BaseVolume);
        CoinbaseWire.Price(w, Low24h, m, s.Low);
        CoinbaseWire.Price(w, High24h, m, s.High);
        CoinbaseWire.PaddedSize(w, Volume30d, m, s.BaseVolume30Days);
        CoinbaseWire.Price(w, BestBid, m, crossed ? m.Asks.BestPrice + m.Spec.TickSize : m.Bids.BestPrice);
        CoinbaseWire.PaddedSize(w, BestBidSize, m, m.Bids.BestQuantity);
        CoinbaseWire.Price(w, BestAsk, m, m.Asks.BestPrice);
        CoinbaseWire.PaddedSize(w, BestAskSize, m, m.Asks.BestQuantity);
        if (hasTrade)
        {
            w.WriteString(SideName, last.Aggressor == Side.Buy ? Buy : Sell);
            WireJson.Rfc3339(w, Time, timeNs, 6);
            w.WriteNumber(TradeId, last.TradeId);
            CoinbaseWire.PaddedSize(w, LastSize, m, last.Quantity);
        }
        else
        {
            // The subscribe-time ticker may lack side/trade_id; it still has a time.
            WireJson.Rfc3339(w, Time, timeNs, 6);
        }
        w.WriteEndObject();
    }
}
