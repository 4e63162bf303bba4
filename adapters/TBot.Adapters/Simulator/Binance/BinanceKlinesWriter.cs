using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>GET /api/v3/klines: array of 12-element positional arrays, oldest first.</summary>
internal static class BinanceKlinesWriter
{
    public static void Write(Utf8JsonWriter w, InstrumentMarket m, List<Candle> bars, long intervalMs)
    {
        var ps = m.Spec.PriceScale;
        var qs = m.Spec.QuantityScale;
        w.WriteStartArray();
        foreach (var b in bars)
        {
            w.WriteStartArray();
            w.WriteNumberValue(b.OpenTimeMs);
            WireJson.Decimal(w, b.Open, ps, BinanceWire.Style);
            WireJson.Decimal(w, b.High, ps, BinanceWire.Style);
            WireJson.Decimal(w, b.Low, ps, BinanceWire.Style);
            WireJson.Decimal(w, b.Close, ps, BinanceWire.Style);
            WireJson.Decimal(w, b.Volume, qs, BinanceWire.Style);
            w.WriteNumberValue(b.OpenTimeMs + intervalMs - 1);
            WireJson.Decimal(w, b.QuoteVolume, ps, BinanceWire.Style);
            w.WriteNumberValue(b.TradeCount);
            WireJson.Decimal(w, b.Volume / 2 / m.Spec.StepSize * m.Spec.StepSize, qs, BinanceWire.Style);
            WireJson.Decimal(w, b.QuoteVolume / 2, ps, BinanceWire.Style);
            w.WriteStringValue("0");
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>Binance interval names (case-sensitive: 1m minute, 1M month) to milliseconds.</summary>
    public static long IntervalMs(string? interval) => interval switch
    {
        "1s" => 1_000,
        "1m" => 60_000,
        "3m" => 180_000,
        "5m" => 300_000,
        "15m" => 900_000,
        "30m" => 1_800_000,
        "1h" => 3_600_000,
        "2h" => 7_200_000,
        "4h" => 14_400_000,
        "6h" => 21_600_000,
        "8h" => 28_800_000,
        "12h" => 43_200_000,
        "1d" => 86_400_000,
        "3d" => 259_200_000,
        "1w" => 604_800_000,
        "1M" => 2_592_000_000,
        _ => 0,
    };
}
