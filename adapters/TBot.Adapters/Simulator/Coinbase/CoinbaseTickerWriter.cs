using System.Text.Json;
using TBot.Adapters.Simulator.Market;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>
/// ticker (on every match) and ticker_batch (every 5 s, without best bid/ask): {"type":"snapshot"|"update",
/// "tickers":[{"type":"ticker","product_id",..,"price","volume_24_h",..,"best_bid","best_bid_quantity",..}]}.
/// </summary>
internal static class CoinbaseTickerWriter
{
    private static readonly JsonEncodedText Ticker = JsonEncodedText.Encode("ticker");
    private static readonly JsonEncodedText TickerBatch = JsonEncodedText.Encode("ticker_batch");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Tickers = JsonEncodedText.Encode("tickers");
    private static readonly JsonEncodedText ProductId = JsonEncodedText.Encode("product_id");
    private static readonly JsonEncodedText Price = JsonEncodedText.Encode("price");
    private static readonly JsonEncodedText Volume24h = JsonEncodedText.Encode("volume_24_h");
    private static readonly JsonEncodedText Low24h = JsonEncodedText.Encode("low_24_h");
    private static readonly JsonEncodedText High24h = JsonEncodedText.Encode("high_24_h");
    private static readonly JsonEncodedText Low52w = JsonEncodedText.Encode("low_52_w");
    private static readonly JsonEncodedText High52w = JsonEncodedText.Encode("high_52_w");
    private static readonly JsonEncodedText PercentChange = JsonEncodedText.Encode("price_percent_chg_24_h");
    private static readonly JsonEncodedText BestBid = JsonEncodedText.Encode("best_bid");
    private static readonly JsonEncodedText BestBidQuantity = JsonEncodedText.Encode("best_bid_quantity");
    private static readonly JsonEncodedText BestAsk = JsonEncodedText.Encode("best_ask");
    private static readonly JsonEncodedText BestAskQuantity = JsonEncodedText.Encode("best_ask_quantity");
    private static readonly JsonEncodedText Snapshot = JsonEncodedText.Encode("snapshot");
    private static readonly JsonEncodedText Update = JsonEncodedText.Encode("update");

    public static void Write(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText product, bool snapshot, bool batch, long timeNs, long sequenceNum, bool crossed)
    {
        CoinbaseEnvelopeWriter.Begin(w, batch ? TickerBatch : Ticker, timeNs, sequenceNum);
        w.WriteStartObject();
        w.WriteString(Type, snapshot ? Snapshot : Update);
        w.WriteStartArray(Tickers);
        w.WriteStartObject();
        w.WriteString(Type, Ticker);
        w.WriteString(ProductId, product);
        var s = m.Stats;
        CoinbaseWire.Price(w, Price, m, s.Last);
        CoinbaseWire.Size(w, Volume24h, m, s.BaseVolume);
        CoinbaseWire.Price(w, Low24h, m, s.Low);
        CoinbaseWire.Price(w, High24h, m, s.High);
        CoinbaseWire.Price(w, Low52w, m, s.Low52Weeks);
        CoinbaseWire.Price(w, High52w, m, s.High52Weeks);
        CoinbaseWire.PercentChange(w, PercentChange, s);
        if (!batch)
        {
            var bid = crossed ? m.Asks.BestPrice + m.Spec.TickSize : m.Bids.BestPrice;
            CoinbaseWire.Price(w, BestBid, m, bid);
            CoinbaseWire.Size(w, BestBidQuantity, m, m.Bids.BestQuantity);
            CoinbaseWire.Price(w, BestAsk, m, m.Asks.BestPrice);
            CoinbaseWire.Size(w, BestAskQuantity, m, m.Asks.BestQuantity);
        }
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        CoinbaseEnvelopeWriter.End(w);
    }
}
