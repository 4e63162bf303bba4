using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Okx;

/// <summary>The ticker object shared by the tickers channel and GET /api/v5/market/ticker(s); all values are strings.</summary>
internal static class OkxTickerWriter
{
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    internal static readonly JsonEncodedText Channel = JsonEncodedText.Encode("tickers");
    private static readonly JsonEncodedText InstType = JsonEncodedText.Encode("instType");
    private static readonly JsonEncodedText InstId = JsonEncodedText.Encode("instId");
    private static readonly JsonEncodedText Last = JsonEncodedText.Encode("last");
    private static readonly JsonEncodedText LastSz = JsonEncodedText.Encode("lastSz");
    private static readonly JsonEncodedText AskPx = JsonEncodedText.Encode("askPx");
    private static readonly JsonEncodedText AskSz = JsonEncodedText.Encode("askSz");
    private static readonly JsonEncodedText BidPx = JsonEncodedText.Encode("bidPx");
    private static readonly JsonEncodedText BidSz = JsonEncodedText.Encode("bidSz");
    private static readonly JsonEncodedText Open24h = JsonEncodedText.Encode("open24h");
    private static readonly JsonEncodedText High24h = JsonEncodedText.Encode("high24h");
    private static readonly JsonEncodedText Low24h = JsonEncodedText.Encode("low24h");
    private static readonly JsonEncodedText VolCcy24h = JsonEncodedText.Encode("volCcy24h");
    private static readonly JsonEncodedText Vol24h = JsonEncodedText.Encode("vol24h");
    private static readonly JsonEncodedText SodUtc0 = JsonEncodedText.Encode("sodUtc0");
    private static readonly JsonEncodedText SodUtc8 = JsonEncodedText.Encode("sodUtc8");
    private static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText Spot = JsonEncodedText.Encode("SPOT");

    /// <summary>A tickers channel push.</summary>
    public static void WritePush(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText instId, long timeNs, bool crossed)
    {
        w.WriteStartObject();
        OkxWire.WriteArg(w, Channel, instId);
        w.WriteStartArray(Data);
        WriteTicker(w, m, instId, timeNs, crossed);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteTicker(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText instId, long timeNs, bool crossed)
    {
        var s = m.Stats;
        w.WriteStartObject();
        w.WriteString(InstType, Spot);
        w.WriteString(InstId, instId);
        OkxWire.Price(w, Last, m, s.Last);
        OkxWire.Size(w, LastSz, m, s.LastQuantity);
        OkxWire.Price(w, AskPx, m, m.Asks.BestPrice);
        OkxWire.Size(w, AskSz, m, m.Asks.BestQuantity);
        OkxWire.Price(w, BidPx, m, crossed ? m.Asks.BestPrice + m.Spec.TickSize : m.Bids.BestPrice);
        OkxWire.Size(w, BidSz, m, m.Bids.BestQuantity);
        OkxWire.Price(w, Open24h, m, s.Open);
        OkxWire.Price(w, High24h, m, s.High);
        OkxWire.Price(w, Low24h, m, s.Low);
        WireJson.Decimal(w, VolCcy24h, s.QuoteVolume, m.Spec.PriceScale, OkxWire.Style);
        OkxWire.Size(w, Vol24h, m, s.BaseVolume);
        OkxWire.Price(w, SodUtc0, m, s.Open);
        OkxWire.Price(w, SodUtc8, m, s.Open);
        WireJson.IntegerString(w, Ts, WireTime.ToUnixMs(timeNs));
        w.WriteEndObject();
    }
}
