using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>&lt;symbol&gt;@ticker: the 24 h rolling-window ticker (e = "24hrTicker"), pushed every second.</summary>
internal static class Binance24hrTickerWriter
{
    private static readonly JsonEncodedText E = JsonEncodedText.Encode("e");
    private static readonly JsonEncodedText EventTime = JsonEncodedText.Encode("E");
    private static readonly JsonEncodedText S = JsonEncodedText.Encode("s");
    private static readonly JsonEncodedText Change = JsonEncodedText.Encode("p");
    private static readonly JsonEncodedText ChangePercent = JsonEncodedText.Encode("P");
    private static readonly JsonEncodedText Weighted = JsonEncodedText.Encode("w");
    private static readonly JsonEncodedText PrevClose = JsonEncodedText.Encode("x");
    private static readonly JsonEncodedText LastPrice = JsonEncodedText.Encode("c");
    private static readonly JsonEncodedText LastQty = JsonEncodedText.Encode("Q");
    private static readonly JsonEncodedText Bid = JsonEncodedText.Encode("b");
    private static readonly JsonEncodedText BidQty = JsonEncodedText.Encode("B");
    private static readonly JsonEncodedText Ask = JsonEncodedText.Encode("a");
    private static readonly JsonEncodedText AskQty = JsonEncodedText.Encode("A");
    private static readonly JsonEncodedText Open = JsonEncodedText.Encode("o");
    private static readonly JsonEncodedText High = JsonEncodedText.Encode("h");
    private static readonly JsonEncodedText Low = JsonEncodedText.Encode("l");
    private static readonly JsonEncodedText Volume = JsonEncodedText.Encode("v");
    private static readonly JsonEncodedText QuoteVolume = JsonEncodedText.Encode("q");
    private static readonly JsonEncodedText OpenTime = JsonEncodedText.Encode("O");
    private static readonly JsonEncodedText CloseTime = JsonEncodedText.Encode("C");
    private static readonly JsonEncodedText FirstId = JsonEncodedText.Encode("F");
    private static readonly JsonEncodedText LastId = JsonEncodedText.Encode("L");
    private static readonly JsonEncodedText Count = JsonEncodedText.Encode("n");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("24hrTicker");

    public static void Write(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText symbol, long eventTimeMs, bool crossed)
    {
        var s = m.Stats;
        var ps = m.Spec.PriceScale;
        var bid = crossed ? m.Asks.BestPrice + m.Spec.TickSize : m.Bids.BestPrice;
        w.WriteStartObject();
        w.WriteString(E, Name);
        w.WriteNumber(EventTime, eventTimeMs);
        w.WriteString(S, symbol);
        BinanceWire.Price(w, Change, m, s.Last - s.Open);
        // Percent with 3 decimals, as Binance sends it ("250.000").
        var percentMilli = s.Open == 0 ? 0 : (long)((Int128)(s.Last - s.Open) * 100_000 / s.Open);
        WireJson.Decimal(w, ChangePercent, percentMilli, 3, NumberStyle.Exact);
        BinanceWire.Price(w, Weighted, m, s.WeightedAverage(m.Spec.QuantityScale));
        BinanceWire.Price(w, PrevClose, m, Math.Max(0, s.Open - m.Spec.TickSize));
        BinanceWire.Price(w, LastPrice, m, s.Last);
        BinanceWire.Quantity(w, LastQty, m, s.LastQuantity);
        BinanceWire.Price(w, Bid, m, bid);
        BinanceWire.Quantity(w, BidQty, m, m.Bids.BestQuantity);
        BinanceWire.Price(w, Ask, m, m.Asks.BestPrice);
        BinanceWire.Quantity(w, AskQty, m, m.Asks.BestQuantity);
        BinanceWire.Price(w, Open, m, s.Open);
        BinanceWire.Price(w, High, m, s.High);
        BinanceWire.Price(w, Low, m, s.Low);
        BinanceWire.Quantity(w, Volume, m, s.BaseVolume);
        WireJson.Decimal(w, QuoteVolume, s.QuoteVolume, ps, BinanceWire.Style);
        w.WriteNumber(OpenTime, eventTimeMs - 86_400_000);
        w.WriteNumber(CloseTime, eventTimeMs);
        w.WriteNumber(FirstId, s.FirstTradeId);
        w.WriteNumber(LastId, m.LastTradeId);
        w.WriteNumber(Count, m.LastTradeId - s.FirstTradeId + 1);
        w.WriteEndObject();
    }
}
