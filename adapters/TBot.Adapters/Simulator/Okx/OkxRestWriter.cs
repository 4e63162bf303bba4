using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Okx;

/// <summary>REST bodies: the {"code":"0","msg":"","data":[..]} envelope, books, candles and instruments.</summary>
internal static class OkxRestWriter
{
    public static void BeginOk(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("code", "0");
        w.WriteString("msg", "");
        w.WriteStartArray("data");
    }

    public static void EndOk(Utf8JsonWriter w)
    {
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Error(Utf8JsonWriter w, string code, string message)
    {
        w.WriteStartObject();
        w.WriteString("code", code);
        w.WriteString("msg", message);
        w.WriteStartArray("data");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>One element of /api/v5/market/books: asks/bids (4-string levels), ts, seqId.</summary>
    public static void Book(Utf8JsonWriter w, InstrumentMarket m, int depth, long nowNs)
    {
        w.WriteStartObject();
        OkxWire.Levels(w, JsonEncodedText.Encode("asks"), m, m.Asks, depth);
        OkxWire.Levels(w, JsonEncodedText.Encode("bids"), m, m.Bids, depth);
        WireJson.IntegerString(w, JsonEncodedText.Encode("ts"), WireTime.ToUnixMs(nowNs));
        w.WriteNumber("seqId", m.Sequence);
        w.WriteEndObject();
    }

    /// <summary>Candles newest first, 9 strings each; the newest is unconfirmed ("0") unless <paramref name="allConfirmed"/>.</summary>
    public static void Candles(Utf8JsonWriter w, InstrumentMarket m, List<Candle> oldestFirst, bool allConfirmed)
    {
        var ps = m.Spec.PriceScale;
        var qs = m.Spec.QuantityScale;
        for (var i = oldestFirst.Count - 1; i >= 0; i--)
        {
            var c = oldestFirst[i];
            w.WriteStartArray();
            WireJson.IntegerString(w, c.OpenTimeMs);
            WireJson.Decimal(w, c.Open, ps, OkxWire.Style);
            WireJson.Decimal(w, c.High, ps, OkxWire.Style);
            WireJson.Decimal(w, c.Low, ps, OkxWire.Style);
            WireJson.Decimal(w, c.Close, ps, OkxWire.Style);
            WireJson.Decimal(w, c.Volume, qs, OkxWire.Style);
            WireJson.Decimal(w, c.QuoteVolume, ps, OkxWire.Style);
            WireJson.Decimal(w, c.QuoteVolume, ps, OkxWire.Style);
            w.WriteStringValue(allConfirmed || i != oldestFirst.Count - 1 ? "1" : "0");
            w.WriteEndArray();
        }
    }

    /// <summary>One /api/v5/public/instruments element for a spot instrument (derivative-only fields empty).</summary>
    public static void Instrument(Utf8JsonWriter w, InstrumentMarket m)
    {
        var s = m.Spec;
        w.WriteStartObject();
        w.WriteString("instType", "SPOT");
        w.WriteString("instId", s.Symbol);
        w.WriteString("uly", "");
        w.WriteString("instFamily", "");
        w.WriteString("baseCcy", s.Base);
        w.WriteString("quoteCcy", s.Quote);
        w.WriteString("settleCcy", "");
        w.WriteString("ctVal", "");
        w.WriteString("ctMult", "");
        w.WriteString("ctValCcy", "");
        w.WriteString("optType", "");
        w.WriteString("stk", "");
        w.WriteString("listTime", "1606468572000");
        w.WriteString("expTime", "");
        w.WriteString("lever", "10");
        WireJson.Decimal(w, JsonEncodedText.Encode("tickSz"), s.TickSize, s.PriceScale, OkxWire.Style);
        WireJson.Decimal(w, JsonEncodedText.Encode("lotSz"), s.StepSize, s.QuantityScale, OkxWire.Style);
        WireJson.Decimal(w, JsonEncodedText.Encode("minSz"), s.StepSize, s.QuantityScale, OkxWire.Style);
        w.WriteString("ctType", "");
        w.WriteString("alias", "");
        w.WriteString("state", "live");
        w.WriteString("maxLmtSz", "9999999999");
        w.WriteString("maxMktSz", "1000000");
        w.WriteEndObject();
    }

    /// <summary>OKX bar names (capital H/D/W/M; "Hutc"-style UTC variants) to milliseconds.</summary>
    public static long BarMs(string? bar) => bar switch
    {
        "1s" => 1_000,
        "1m" => 60_000,
        "3m" => 180_000,
        "5m" => 300_000,
        "15m" => 900_000,
        "30m" => 1_800_000,
        "1H" => 3_600_000,
        "2H" => 7_200_000,
        "4H" => 14_400_000,
        "6H" or "6Hutc" => 21_600_000,
        "12H" or "12Hutc" => 43_200_000,
        "1D" or "1Dutc" => 86_400_000,
        "2D" or "2Dutc" => 172_800_000,
        "3D" or "3Dutc" => 259_200_000,
        "1W" or "1Wutc" => 604_800_000,
        "1M" or "1Mutc" => 2_592_000_000,
        "3M" or "3Mutc" => 7_776_000_000,
        _ => 0,
    };
}
